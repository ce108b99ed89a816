namespace EbpfSharp.Compiler.Diagnostics;

/// <summary>Stops compiling one function: the user's code has something the compiler cannot translate.</summary>
internal sealed class CompileErrorException(string id, string message, SourceLocation? location = null) : Exception(message)
{
    public string Id { get; } = id;

    public SourceLocation? Location { get; set; } = location;
}
