using EbpfSharp.Compiler;

namespace EbpfSharp.Build;

/// <summary>Reads the <c>EbpfSharpIsa</c> property (<c>v2</c>, <c>v3</c>, <c>v4</c>, as clang's <c>-mcpu</c> spells them).</summary>
internal static class IsaVersions
{
    public static bool TryParse(string? text, out IsaVersion isa)
    {
        isa = IsaVersion.V3;
        string value = (text ?? "").Trim();
        if (value.Length == 0)
            return true;
        isa = value.ToLowerInvariant() switch
        {
            "v2" => IsaVersion.V2,
            "v3" => IsaVersion.V3,
            "v4" => IsaVersion.V4,
            _ => 0,
        };
        return isa != 0;
    }
}
