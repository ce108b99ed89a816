using System.Reflection;
using EbpfSharp.Compiler.Tests.Differential;
using EbpfSharp.Runtime;

namespace EbpfSharp.Compiler.Tests.Maps;

/// <summary>The classes of tests/EbpfSharp.Corpus/Maps, compiled once for the default instruction set, and their objects.</summary>
public static class MapCorpus
{
    private static readonly Lazy<CompilationResult> Compiled = new(() => EbpfCompiler.Compile(CorpusFixture.AssemblyPath));

    /// <summary>Every class of the map corpus that declares programs.</summary>
    public static IEnumerable<Type> Classes =>
        typeof(EbpfSharp.Corpus.Maps.FiveTuple).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(EbpfSharp.Corpus.Maps.FiveTuple).Namespace && type.IsClass)
            .Where(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Any(method => method.GetCustomAttribute<XdpAttribute>() is not null))
            .OrderBy(type => type.Name);

    /// <summary>The compiled object of <paramref name="type"/>.</summary>
    public static CompiledObject Object(Type type)
    {
        var result = Compiled.Value;
        return result.Objects.SingleOrDefault(compiled => compiled.ClassName == type.FullName)
            ?? throw new InvalidOperationException($"{type.Name} was not compiled:\n{string.Join("\n", result.Diagnostics)}");
    }

    /// <summary>Reads <paramref name="type"/>'s object, lets <paramref name="configure"/> change it (global data before load), and loads it.</summary>
    public static BpfObject Load(Type type, Action<ObjectSpec>? configure = null)
    {
        var compiled = Object(type);
        var spec = ObjectSpec.Read(compiled.Bytes, compiled.ClassName);
        configure?.Invoke(spec);
        return spec.Load();
    }
}
