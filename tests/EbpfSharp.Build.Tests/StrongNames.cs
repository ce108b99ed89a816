using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace EbpfSharp.Build.Tests;

/// <summary>Strong-name keys and signatures for the signing tests, without sn.exe.</summary>
internal static class StrongNames
{
    /// <summary>A <c>.snk</c> file: the CryptoAPI PRIVATEKEYBLOB of an RSA key (little-endian numbers).</summary>
    public static byte[] KeyFile(RSA rsa)
    {
        var p = rsa.ExportParameters(includePrivateParameters: true);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write((byte)0x07);            // PRIVATEKEYBLOB
        writer.Write((byte)0x02);            // version
        writer.Write((ushort)0);
        writer.Write(0x00002400u);           // CALG_RSA_SIGN
        writer.Write(0x32415352u);           // "RSA2"
        writer.Write((uint)(p.Modulus!.Length * 8));
        uint exponent = 0;
        foreach (byte b in p.Exponent!)
            exponent = (exponent << 8) | b;
        writer.Write(exponent);
        foreach (var number in new[] { p.Modulus, p.P!, p.Q!, p.DP!, p.DQ!, p.InverseQ!, p.D! })
            writer.Write(number.Reverse().ToArray());
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>
    /// Checks the strong-name signature (ECMA-335 II.6.2.1.3): SHA-1 over the headers (PE checksum and certificate
    /// directory zeroed) and the sections, leaving out the signature itself; PKCS#1, stored little-endian.
    /// </summary>
    public static bool Verify(string assembly, RSA key)
    {
        byte[] bytes = File.ReadAllBytes(assembly);
        using var pe = new PEReader(new MemoryStream(bytes));
        var headers = pe.PEHeaders;
        var directory = headers.CorHeader!.StrongNameSignatureDirectory;
        headers.TryGetDirectoryOffset(directory, out int signatureOffset);
        int optionalHeader = headers.PEHeaderStartOffset;
        int headerEnd = optionalHeader + headers.CoffHeader.SizeOfOptionalHeader + 40 * headers.CoffHeader.NumberOfSections;
        byte[] hashed = bytes[..headerEnd];
        Array.Clear(hashed, optionalHeader + 64, 4);                                   // CheckSum
        Array.Clear(hashed, optionalHeader + (headers.PEHeader!.Magic == PEMagic.PE32 ? 128 : 144), 8);   // certificate table
        int sectionStart = headers.SectionHeaders.Min(section => section.PointerToRawData);
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha1.AppendData(hashed);
        sha1.AppendData(bytes, sectionStart, signatureOffset - sectionStart);
        sha1.AppendData(bytes, signatureOffset + directory.Size, bytes.Length - signatureOffset - directory.Size);
        byte[] signature = bytes.AsSpan(signatureOffset, directory.Size).ToArray();
        Array.Reverse(signature);
        return key.VerifyHash(sha1.GetHashAndReset(), signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
    }
}
