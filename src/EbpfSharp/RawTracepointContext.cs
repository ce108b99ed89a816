namespace EbpfSharp;

/// <summary>
/// The context of a raw tracepoint program (<c>struct bpf_raw_tracepoint_args</c>): the tracepoint's arguments as
/// 64-bit values, unconverted. On the CLR, <see cref="ForArguments"/> makes one for tests.
/// </summary>
public sealed class RawTracepointContext
{
    private const int MaxArguments = 12;
    private readonly ulong[] _arguments;

    private RawTracepointContext(ulong[] arguments) => _arguments = arguments;

    /// <summary>A context holding <paramref name="arguments"/> (at most 12), for running a program on the CLR.</summary>
    public static RawTracepointContext ForArguments(params ulong[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Length > MaxArguments)
            throw new ArgumentException($"A raw tracepoint has at most {MaxArguments} arguments; {arguments.Length} were given.", nameof(arguments));
        var copy = new ulong[MaxArguments];
        arguments.CopyTo(copy, 0);
        return new RawTracepointContext(copy);
    }

    /// <summary>
    /// Argument <paramref name="index"/> (0 to 5) of the tracepoint, as a raw 64-bit value (<c>ctx-&gt;args[index]</c>).
    /// Pass a constant index; other values read 0.
    /// </summary>
    public ulong Arg(int index) => index switch
    {
        0 => Argument0,
        1 => Argument1,
        2 => Argument2,
        3 => Argument3,
        4 => Argument4,
        5 => Argument5,
        _ => 0,
    };

    [ContextField(0, 8)]
    internal ulong Argument0 => _arguments[0];

    [ContextField(8, 8)]
    internal ulong Argument1 => _arguments[1];

    [ContextField(16, 8)]
    internal ulong Argument2 => _arguments[2];

    [ContextField(24, 8)]
    internal ulong Argument3 => _arguments[3];

    [ContextField(32, 8)]
    internal ulong Argument4 => _arguments[4];

    [ContextField(40, 8)]
    internal ulong Argument5 => _arguments[5];
}
