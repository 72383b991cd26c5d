package dev.geminilive.mock.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's certificate and key: either made at start (self-signed, valid for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1}) or read from PEM files the user gives.
 * Exportable as PEM and as a PKCS#12 trust store, because the google-genai Java SDK always uses
 * {@code wss} and trusts only what the JVM trusts.
 */
public final class TlsMaterial {
  /** Password of exported trust stores; a trust store holds no secret. */
  public static final String TRUST_STORE_PASSWORD = "changeit";

  private final PrivateKey key;
  private final X509Certificate certificate;

  private TlsMaterial(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /** Makes a fresh self-signed certificate for the loopback names plus {@code extraHosts}. */
  public static TlsMaterial selfSigned(List<String> extraHosts) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(256, new SecureRandom());
      KeyPair pair = gen.generateKeyPair();
      X500Name subject = new X500Name("CN=Gemini Live mock");
      Instant now = Instant.now();
      List<GeneralName> names = new ArrayList<>();
      names.add(new GeneralName(GeneralName.dNSName, "localhost"));
      names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
      names.add(new GeneralName(GeneralName.iPAddress, "::1"));
      for (String host : extraHosts) {
        boolean ip = host.matches("[0-9.]+") || host.contains(":");
        names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
      }
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              subject,
              pair.getPublic());
      builder.addExtension(
          Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
      // A CA flag lets clients that want a trust anchor (not a leaf) accept it too.
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      X509CertificateHolder holder =
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
      return new TlsMaterial(pair.getPrivate(), cert);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make a self-signed certificate", e);
    }
  }

  /** Reads a PEM certificate and a PEM private key (PKCS#8 or traditional). */
  public static TlsMaterial fromPem(Path certPem, Path keyPem) throws IOException {
    try (Reader certReader = Files.newBufferedReader(certPem);
        Reader keyReader = Files.newBufferedReader(keyPem);
        PEMParser certParser = new PEMParser(certReader);
        PEMParser keyParser = new PEMParser(keyReader)) {
      Object certObject = certParser.readObject();
      if (!(certObject instanceof X509CertificateHolder holder)) {
        throw new IOException(certPem + ": no PEM certificate found");
      }
      Object keyObject = keyParser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      PrivateKey key;
      if (keyObject instanceof PEMKeyPair pair) {
        key = converter.getKeyPair(pair).getPrivate();
      } else if (keyObject instanceof PrivateKeyInfo info) {
        key = converter.getPrivateKey(info);
      } else {
        throw new IOException(keyPem + ": no PEM private key found");
      }
      return new TlsMaterial(key, new JcaX509CertificateConverter().getCertificate(holder));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read TLS material: " + e.getMessage(), e);
    }
  }

  public PrivateKey privateKey() {
    return key;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String certificatePem() {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  public void writeCertificatePem(Path file) throws IOException {
    Files.writeString(file, certificatePem(), StandardCharsets.US_ASCII);
  }

  /** Writes the private key as PKCS#8 PEM, readable by {@link #fromPem}. */
  public void writePrivateKeyPem(Path file) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
    }
    Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
  }

  /** A PKCS#12 trust store holding only the certificate, password {@value #TRUST_STORE_PASSWORD}. */
  public KeyStore trustStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("gemini-live-mock", certificate);
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void writeTrustStore(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      trustStore().store(out, TRUST_STORE_PASSWORD.toCharArray());
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** A client-side SSL context that trusts this certificate, for tests and our own clients. */
  public SSLContext clientContext() {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
