using EbpfSharp.Compiler.Diagnostics;
using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;

namespace EbpfSharp.Compiler;

/// <summary>Checks a program method's shape against its attribute and returns its ELF section.</summary>
internal static class ProgramSignatures
{
    public static string? Check(MethodDefinition method, CustomAttribute attribute, DebugInfo debug, List<CompilerDiagnostic> diagnostics)
    {
        string name = attribute.AttributeType.Name;
        string? problem = null;
        string? section = null;
        string example = $"public static XdpAction {method.Name}(XdpContext ctx)";
        if (!method.IsStatic)
            problem = "must be static";
        else if (method.HasGenericParameters)
            problem = "must not be generic";
        else if (name == "XdpAttribute")
        {
            bool fragments = attribute.Properties.Any(property => property.Name == "Fragments" && property.Argument.Value is true);
            section = fragments ? "xdp.frags" : "xdp";
            if (method.Parameters.Count != 1 || method.Parameters[0].ParameterType.FullName != "EbpfSharp.XdpContext")
                problem = "must take exactly one XdpContext parameter";
            else if (method.ReturnType.FullName != "EbpfSharp.XdpAction" && method.ReturnType.MetadataType is not (MetadataType.Int32 or MetadataType.UInt32))
                problem = "must return XdpAction";
        }
        else if (name == "RawTracepointAttribute")
        {
            string tracepoint = attribute.ConstructorArguments[0].Value as string ?? "";
            section = $"raw_tp/{tracepoint}";
            example = $"public static int {method.Name}(RawTracepointContext ctx)";
            if (tracepoint.Length == 0 || tracepoint.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
                problem = $"names tracepoint '{tracepoint}'; a raw tracepoint name is letters, digits and '_' (for example sys_enter)";
            else if (method.Parameters.Count != 1 || method.Parameters[0].ParameterType.FullName != "EbpfSharp.RawTracepointContext")
                problem = "must take exactly one RawTracepointContext parameter";
            else if (method.ReturnType.MetadataType is not (MetadataType.Int32 or MetadataType.UInt32 or MetadataType.Int64 or MetadataType.UInt64))
                problem = "must return int";
        }
        else
        {
            problem = $"uses [{name.Replace("Attribute", "", StringComparison.Ordinal)}], a program kind this compiler does not support yet";
        }
        if (problem is null)
            return section;
        diagnostics.Add(new CompilerDiagnostic(CompilerDiagnosticIds.ProgramSignature, DiagnosticSeverity.Error,
            $"Program '{method.DeclaringType.Name}.{method.Name}' {problem} (for example: {example}).",
            debug.Locate(method, 0), $"{method.DeclaringType.Name}.{method.Name}"));
        return null;
    }
}
