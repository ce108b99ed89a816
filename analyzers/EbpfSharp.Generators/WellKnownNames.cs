using System.Collections.Generic;

namespace EbpfSharp.Generators;

/// <summary>The names the generator looks for in user code, and those it writes into it.</summary>
internal static class WellKnownNames
{
    public const string Namespace = "EbpfSharp";
    public const string XdpAttribute = "XdpAttribute";
    public const string RawTracepointAttribute = "RawTracepointAttribute";
    public const string KprobeAttribute = "KprobeAttribute";
    public const string KretprobeAttribute = "KretprobeAttribute";
    public const string UprobeAttribute = "UprobeAttribute";
    public const string UretprobeAttribute = "UretprobeAttribute";
    public const string TracepointAttribute = "TracepointAttribute";
    public const string FentryAttribute = "FentryAttribute";
    public const string FexitAttribute = "FexitAttribute";
    public const string OffsetProperty = "Offset";
    public const string ClrOnlyAttribute = "ClrOnlyAttribute";

    /// <summary>The members the generator adds to a program class, by name, as a diagnostic describes them.</summary>
    public static readonly IReadOnlyDictionary<string, string> ClassMembers = new Dictionary<string, string>
    {
        ["Open"] = "the generated method 'Open()'",
        ["Load"] = "the generated method 'Load()'",
        ["Opened"] = "the generated class 'Opened'",
        ["ConfigValues"] = "the generated class 'ConfigValues'",
        ["Loaded"] = "the generated class 'Loaded'",
    };

    /// <summary>
    /// The members a generated <c>Loaded</c> class inherits (from <c>LoadedObject</c> and <c>object</c>), which a
    /// program, map or global of the same name would hide.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> LoadedMembers = new Dictionary<string, string>
    {
        ["Object"] = "the property 'Loaded.Object'",
        ["Dispose"] = "the method 'Loaded.Dispose()'",
        ["Reader"] = "the method 'Loaded.Reader()'",
        ["Equals"] = "the method 'Loaded.Equals()'",
        ["GetHashCode"] = "the method 'Loaded.GetHashCode()'",
        ["GetType"] = "the method 'Loaded.GetType()'",
        ["ToString"] = "the method 'Loaded.ToString()'",
        ["MemberwiseClone"] = "the method 'Loaded.MemberwiseClone()'",
        ["Finalize"] = "the method 'Loaded.Finalize()'",
    };
}
