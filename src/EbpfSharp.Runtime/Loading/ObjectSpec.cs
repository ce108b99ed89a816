using EbpfSharp.Object;
using EbpfSharp.Object.Btf;

namespace EbpfSharp.Runtime;

/// <summary>
/// An eBPF object file as read, before anything reaches the kernel: its programs, maps, global variables,
/// license and BTF. Reading is pure (no syscalls) and checks everything libbpf checks. Change
/// <see cref="MapSpec.InitialValue"/> or call <see cref="SetVariable"/> to configure global data, then
/// <see cref="Load"/>.
/// </summary>
public sealed class ObjectSpec
{
    internal ObjectSpec(string name, string license, BtfSection? btf, BtfExtSection? btfExt,
        IReadOnlyList<ProgramSpec> programs, IReadOnlyList<Loading.FunctionSpec> functions, IReadOnlyList<MapSpec> maps, IReadOnlyList<string> warnings)
    {
        Name = name;
        License = license;
        Btf = btf;
        BtfExt = btfExt;
        Programs = programs;
        Functions = functions;
        Maps = maps;
        Warnings = warnings;
    }

    /// <summary>The object's name: the file name up to its first '.', used in data map names.</summary>
    public string Name { get; }

    /// <summary>The <c>license</c> section's string ("" when there is none).</summary>
    public string License { get; }

    /// <summary>The object's BTF (DATASEC sizes and offsets fixed up as libbpf does), or null.</summary>
    public BtfSection? Btf { get; }

    /// <summary>The object's .BTF.ext, or null.</summary>
    public BtfExtSection? BtfExt { get; }

    /// <summary>The entry programs, in section order.</summary>
    public IReadOnlyList<ProgramSpec> Programs { get; }

    /// <summary>The maps: BTF-defined maps, then data maps.</summary>
    public IReadOnlyList<MapSpec> Maps { get; }

    /// <summary>Every global variable of every data map.</summary>
    public IEnumerable<GlobalVariableSpec> Variables => Maps.SelectMany(map => map.Variables);

    /// <summary>Things libbpf would also tolerate but that lose a feature (a BTF that did not parse, …).</summary>
    public IReadOnlyList<string> Warnings { get; }

    internal IReadOnlyList<Loading.FunctionSpec> Functions { get; }

    /// <summary>The program named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such program; the message lists the ones there are.</exception>
    public ProgramSpec Program(string name) =>
        Programs.FirstOrDefault(program => program.Name == name)
        ?? throw new KeyNotFoundException($"Object '{Name}' has no program '{name}'. Its programs: {Names(Programs.Select(p => p.Name))}.");

    /// <summary>The map named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such map; the message lists the ones there are.</exception>
    public MapSpec Map(string name) =>
        Maps.FirstOrDefault(map => map.Name == name)
        ?? throw new KeyNotFoundException($"Object '{Name}' has no map '{name}'. Its maps: {Names(Maps.Select(m => m.Name))}.");

    /// <summary>Sets a global variable's initial value (before loading), for example a <c>.rodata</c> setting.</summary>
    /// <exception cref="KeyNotFoundException">No such variable.</exception>
    /// <exception cref="ArgumentException">The value's size differs from the variable's.</exception>
    public void SetVariable(string name, ReadOnlySpan<byte> value)
    {
        var (variable, map) = FindVariable(name);
        if (value.Length != variable.Size)
            throw new ArgumentException($"Variable '{name}' is {variable.Size} bytes, but {value.Length} were given.", nameof(value));
        value.CopyTo(map.InitialValue.AsSpan(variable.Offset));
    }

    /// <summary>Sets a global variable of an unmanaged type.</summary>
    public void SetVariable<T>(string name, T value) where T : unmanaged =>
        SetVariable(name, System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    /// <summary>
    /// A global variable's initial value as a typed, settable <see cref="ConfigVariable{T}"/>: the way to configure
    /// <c>const volatile</c> settings in <c>.rodata</c>, which are frozen once loaded.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such variable; the message lists the variables there are.</exception>
    /// <exception cref="ArgumentException">sizeof(<typeparamref name="T"/>) differs from the variable's size.</exception>
    public ConfigVariable<T> Variable<T>(string name) where T : unmanaged
    {
        var (variable, map) = FindVariable(name);
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (size != variable.Size)
            throw new ArgumentException($"Variable '{name}' is {variable.Size} bytes, but {typeof(T).Name} is {size}.");
        return new ConfigVariable<T>(variable, map);
    }

    private (GlobalVariableSpec Variable, MapSpec Map) FindVariable(string name)
    {
        var variable = Variables.FirstOrDefault(v => v.Name == name)
            ?? throw new KeyNotFoundException($"Object '{Name}' has no global variable '{name}'. Its variables: {Names(Variables.Select(v => v.Name))}.");
        var map = Map(variable.MapName);
        if (map.InitialValue is null)
            throw new InvalidOperationException($"Variable '{name}' lives in {map.SectionName}, which has no initial value to set.");
        return (variable, map);
    }

    /// <summary>Reads an object from bytes.</summary>
    /// <exception cref="ObjectFormatException">The object is malformed; the message says what and where.</exception>
    /// <exception cref="BpfNotSupportedException">The object uses a feature EbpfSharp does not load yet.</exception>
    public static ObjectSpec Read(ReadOnlySpan<byte> bytes, string name = "object") => Loading.ObjectReader.Read(bytes, name);

    /// <summary>Reads an object file; its name is the file name up to the first '.'.</summary>
    public static ObjectSpec ReadFile(string path) => Read(File.ReadAllBytes(path), NameFromPath(path));

    /// <summary>Reads an object from a stream.</summary>
    public static ObjectSpec Read(Stream stream, string name = "object")
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), name);
    }

    /// <summary>Creates the maps and loads the programs.</summary>
    public BpfObject Load(LoadOptions? options = null) => BpfObject.Load(this, options ?? new LoadOptions());

    internal static string NameFromPath(string path)
    {
        string file = Path.GetFileName(path);
        int dot = file.IndexOf('.');
        return dot > 0 ? file[..dot] : file;
    }

    private static string Names(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }
}
