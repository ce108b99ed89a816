namespace EbpfSharp.Object;

/// <summary>
/// The bytes given as an ELF object, BTF blob, .BTF.ext blob or instruction stream are malformed.
/// The message says what is wrong and where.
/// </summary>
public sealed class ObjectFormatException : Exception
{
    /// <summary>Creates the exception with a message that says what is malformed and where.</summary>
    public ObjectFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the failure that revealed it.</summary>
    public ObjectFormatException(string message, Exception innerException) : base(message, innerException) { }
}
