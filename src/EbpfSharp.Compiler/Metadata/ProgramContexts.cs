using Mono.Cecil;

namespace EbpfSharp.Compiler.Metadata;

/// <summary>
/// The program-side API's context classes: on the CLR they are objects, in the kernel a pointer to the
/// program's context (R1 on entry), which is how the compiler treats them.
/// </summary>
internal static class ProgramContexts
{
    public const string ApiNamespace = "EbpfSharp";

    private static readonly HashSet<string> Names = ["EbpfSharp.XdpContext", "EbpfSharp.RawTracepointContext"];

    public static bool IsContext(TypeReference type) => !type.IsValueType && Names.Contains(type.FullName);
}
