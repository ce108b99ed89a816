namespace EbpfSharp.Compiler.Import;

/// <summary>
/// A promoted local's address was used in a way variables cannot follow (arithmetic, passed to a helper,
/// stored): the function is imported again with that local on the stack.
/// </summary>
internal sealed class LocalEscapeException(string key) : Exception($"Local {key} must live in memory.")
{
    public string Key { get; } = key;
}
