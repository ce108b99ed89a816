namespace EbpfSharp.Object.Instructions;

/// <summary>Byte widths of <see cref="AccessSize"/>.</summary>
public static class AccessSizeExtensions
{
    /// <summary>The number of bytes an access of this size touches.</summary>
    public static int Bytes(this AccessSize size) => size switch
    {
        AccessSize.Byte => 1,
        AccessSize.Half => 2,
        AccessSize.Word => 4,
        _ => 8,
    };

    /// <summary>The access size for a width of 1, 2, 4 or 8 bytes.</summary>
    public static AccessSize FromBytes(int bytes) => bytes switch
    {
        1 => AccessSize.Byte,
        2 => AccessSize.Half,
        4 => AccessSize.Word,
        8 => AccessSize.DoubleWord,
        _ => throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "An access is 1, 2, 4 or 8 bytes wide."),
    };
}
