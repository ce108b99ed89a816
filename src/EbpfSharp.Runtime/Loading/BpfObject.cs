using System.Runtime.CompilerServices;
using EbpfSharp.Object;
using EbpfSharp.Object.Btf;
using EbpfSharp.Runtime.Loading;

namespace EbpfSharp.Runtime;

/// <summary>
/// A loaded object: its maps created (and global data written, <c>.rodata</c> frozen), its BTF loaded and
/// its programs verified, each owned through a file descriptor. Dispose closes everything; attachments
/// made from its programs hold their own references and are disposed separately.
/// </summary>
public sealed class BpfObject : IDisposable
{
    private readonly Dictionary<string, BpfProgram> _programs;
    private readonly Dictionary<string, BpfMap> _maps;
    private readonly Dictionary<string, MappedMemory> _mappings = new(StringComparer.Ordinal);
    private bool _disposed;

    private BpfObject(ObjectSpec spec, BtfObject? btf, Dictionary<string, BpfMap> maps, Dictionary<string, BpfProgram> programs, IReadOnlyList<string> warnings)
    {
        Spec = spec;
        Btf = btf;
        _maps = maps;
        _programs = programs;
        Warnings = warnings;
    }

    /// <summary>What was loaded.</summary>
    public ObjectSpec Spec { get; }

    /// <summary>The object's BTF in the kernel, or null when the object has none (or the kernel refused it).</summary>
    public BtfObject? Btf { get; }

    /// <summary>The loaded programs by name.</summary>
    public IReadOnlyDictionary<string, BpfProgram> Programs => _programs;

    /// <summary>
    /// The maps by name. Data maps get libbpf's names: up to 8 characters of the object name, then the
    /// section (<c>global_d.rodata</c> for <c>global_data.o</c>), at most 15 characters in all.
    /// </summary>
    public IReadOnlyDictionary<string, BpfMap> Maps => _maps;

    /// <summary>Features lost while loading, as libbpf would tolerate them (a BTF the kernel refused, …).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The program named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such program was loaded; the message lists those that were.</exception>
    public BpfProgram Program(string name) =>
        _programs.TryGetValue(name, out var program)
            ? program
            : throw new KeyNotFoundException($"Object '{Spec.Name}' loaded no program '{name}'. Loaded: {string.Join(", ", _programs.Keys)}.");

    /// <summary>The map named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such map; the message lists the maps there are.</exception>
    public BpfMap Map(string name) =>
        _maps.TryGetValue(name, out var map)
            ? map
            : throw new KeyNotFoundException($"Object '{Spec.Name}' has no map '{name}'. Its maps: {string.Join(", ", _maps.Keys)}.");

    /// <summary>
    /// A global variable (<c>.data</c>, <c>.bss</c> or <c>.rodata</c>) as a typed <see cref="GlobalVariable{T}"/>, to
    /// read and (outside <c>.rodata</c>) write while the programs run.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such variable; the message lists the variables there are.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has another size than the variable.</exception>
    public GlobalVariable<T> Variable<T>(string name) where T : unmanaged
    {
        var variable = Spec.Variables.FirstOrDefault(v => v.Name == name)
            ?? throw new KeyNotFoundException($"Object '{Spec.Name}' has no global variable '{name}'. Its variables: {string.Join(", ", Spec.Variables.Select(v => v.Name))}.");
        if (Unsafe.SizeOf<T>() != variable.Size)
            throw new ArgumentException($"Variable '{name}' is {variable.Size} bytes, but {typeof(T).Name} is {Unsafe.SizeOf<T>()}.");
        return new GlobalVariable<T>(this, variable, Map(variable.MapName), Spec.Map(variable.MapName).SectionName);
    }

    /// <summary>Reads a global variable (<c>.data</c>, <c>.rodata</c>, <c>.bss</c>) as the programs see it now; see <see cref="Variable{T}(string)"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such variable; the message lists the variables there are.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has another size than the variable.</exception>
    public T ReadVariable<T>(string name) where T : unmanaged => Variable<T>(name).Value;

    /// <summary>
    /// Writes a global variable in <c>.data</c> or <c>.bss</c> while the programs run. Only the variable's
    /// bytes change when the data map is memory-mapped (the usual case), so concurrent program updates to
    /// its neighbours are kept.
    /// </summary>
    /// <exception cref="InvalidOperationException">The variable is in <c>.rodata</c>, which is frozen after load; set it on the <see cref="ObjectSpec"/> before loading.</exception>
    public void WriteVariable<T>(string name, T value) where T : unmanaged => Variable<T>(name).Value = value;

    /// <summary>
    /// The memory mapping of a data map, opened on first use and kept until the object is disposed; null when the
    /// map is not mmapable (a data map of an object whose variables are all static).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The object has been disposed.</exception>
    internal MappedMemory? DataMemory(BpfMap map)
    {
        if (!map.Flags.HasFlag(BpfMapFlags.Mmapable))
            return null;
        lock (_mappings)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_mappings.TryGetValue(map.Name, out var memory))
                _mappings.Add(map.Name, memory = map.Map());
            return memory;
        }
    }

    /// <summary>Reads and loads an object file.</summary>
    public static BpfObject Load(string path, LoadOptions? options = null) => ObjectSpec.ReadFile(path).Load(options);

    /// <summary>Reads and loads an object from bytes.</summary>
    public static BpfObject Load(ReadOnlySpan<byte> bytes, string name, LoadOptions? options = null) => ObjectSpec.Read(bytes, name).Load(options);

    internal static BpfObject Load(ObjectSpec spec, LoadOptions options)
    {
        var warnings = new List<string>(spec.Warnings);
        var maps = new Dictionary<string, BpfMap>(StringComparer.Ordinal);
        var programs = new Dictionary<string, BpfProgram>(StringComparer.Ordinal);
        var newPins = new List<string>();
        BtfObject? btf = null;
        try
        {
            BtfBlobs? blobs = null;
            if (spec.Btf is not null)
            {
                blobs = BtfWriter.Write(spec.Btf, spec.BtfExt);
                btf = LoadBtf(blobs.Btf, warnings);
            }
            foreach (var mapSpec in spec.Maps)
            {
                maps.Add(mapSpec.Name, MapCreation.Create(mapSpec, btf, options.PinRoot, out string? newPin));
                if (newPin is not null)
                    newPins.Add(newPin);
            }

            Func<string, uint>? stringOffset = btf is null || blobs is null ? null : text =>
                blobs.Strings.TryGetOffset(text, out uint offset) ? offset : throw new ObjectFormatException($"The string '{text}' is missing from the BTF string table.");
            var toLoad = ProgramsToLoad(spec, options).ToList();
            var core = CoreRelocatorFor(spec, toLoad, options);
            foreach (var programSpec in toLoad)
                programs.Add(programSpec.Name, LoadProgram(spec, programSpec, maps, btf, stringOffset, options, core));

            MapCreation.Populate(spec, maps, programs);
            return new BpfObject(spec, btf, maps, programs, warnings);
        }
        catch
        {
            // Like libbpf, a failed load removes the pins it made (maps it reused stay pinned).
            foreach (var pin in newPins)
                File.Delete(pin);
            foreach (var program in programs.Values)
                program.Dispose();
            foreach (var map in maps.Values)
                map.Dispose();
            btf?.Dispose();
            throw;
        }
    }

    private static BtfObject? LoadBtf(byte[] blob, List<string> warnings)
    {
        try
        {
            return BtfObject.Load(blob);
        }
        catch (BpfException exception) when (exception is not BpfPermissionException)
        {
            // libbpf's policy: an object whose BTF the kernel refuses still loads, without typed maps and line info.
            warnings.Add($"The kernel refused the object's BTF, so maps load without key/value types and programs without source lines: {exception.Message}");
            return null;
        }
    }

    private static IEnumerable<ProgramSpec> ProgramsToLoad(ObjectSpec spec, LoadOptions options)
    {
        if (options.Programs is null)
            return spec.Programs.Where(program => program.Autoload);
        foreach (var name in options.Programs)
            spec.Program(name);
        return spec.Programs.Where(program => options.Programs.Contains(program.Name));
    }

    /// <summary>
    /// A relocator when a program to load (or a subprogram it may call) has CO-RE relocations: against
    /// <see cref="LoadOptions.KernelBtfPath"/> when given, else the running kernel's BTF.
    /// </summary>
    private static Loading.Core.CoreRelocator? CoreRelocatorFor(ObjectSpec spec, List<ProgramSpec> programs, LoadOptions options)
    {
        if (spec.Btf is null || !spec.Functions.Any(function => function.CoreRelocations.Count > 0) || programs.Count == 0)
            return null;
        var target = options.KernelBtfPath is { } path ? Loading.Core.CoreTarget.ReadFile(path) : KernelBtf.CoreTarget;
        return new Loading.Core.CoreRelocator(spec.Btf, target);
    }

    private static BpfProgram LoadProgram(ObjectSpec spec, ProgramSpec program, Dictionary<string, BpfMap> maps, BtfObject? btf,
        Func<string, uint>? stringOffset, LoadOptions options, Loading.Core.CoreRelocator? core)
    {
        if (program.Type == BpfProgramType.Unspecified)
            throw new BpfInvalidArgumentException(
                $"Program '{program.Name}' is in section '{program.SectionName}', which names no program type. Use a section such as xdp, kprobe/<function>, uprobe/<binary>:<symbol>, tracepoint/<category>/<name>, raw_tracepoint/<name> or fentry/<function>.", 0);
        var linked = ProgramLinker.Link(program.Function, name => maps[name].Handle.Value, stringOffset, core);
        var definition = new ProgramDefinition(program.Name, program.Type, linked.Code, spec.License)
        {
            ExpectedAttachType = program.ExpectedAttachType,
            Flags = program.Flags,
            Btf = linked.FunctionInfos.Length > 0 ? btf : null,
            FunctionInfos = linked.FunctionInfos,
            LineInfos = linked.FunctionInfos.Length > 0 ? linked.LineInfos : [],
            AttachBtfId = program.Section?.NeedsBtfTarget == true ? KernelBtf.AttachTargetId(program) : 0,
            SectionName = program.SectionName,
        };
        try
        {
            return BpfProgram.Load(definition, options.LogLevel);
        }
        catch (BpfVerifierException exception) when (Loading.Core.CoreRelocator.Explain(exception, linked.Poisoned) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>
    /// Pins every program at <c>&lt;directory&gt;/&lt;program&gt;</c> and every map at
    /// <c>&lt;directory&gt;/maps/&lt;map&gt;</c> ('.' in map names becomes '_', which bpf file systems require),
    /// creating the directories. If any pin fails, the pins and directories already made are removed.
    /// </summary>
    /// <returns>What was pinned where.</returns>
    public IReadOnlyList<PinnedObject> Pin(string directory)
    {
        var pinned = new List<PinnedObject>();
        var createdDirectories = new List<string>();
        void Create(string path)
        {
            var missing = new Stack<string>();
            for (string? level = path; level is not null && !Directory.Exists(level); level = Path.GetDirectoryName(level))
                missing.Push(level);
            Directory.CreateDirectory(path);
            createdDirectories.AddRange(missing);
        }
        try
        {
            Create(Path.GetFullPath(directory));
            foreach (var (name, program) in _programs)
            {
                string path = Path.Combine(directory, Interop.ObjectPaths.SafeName(name));
                program.Pin(path);
                pinned.Add(new PinnedObject("program", name, path));
            }
            if (_maps.Count > 0)
                Create(Path.Combine(Path.GetFullPath(directory), "maps"));
            foreach (var (name, map) in _maps)
            {
                string path = Path.Combine(directory, "maps", Interop.ObjectPaths.SafeName(name));
                map.Pin(path);
                pinned.Add(new PinnedObject("map", name, path));
            }
            return pinned;
        }
        catch
        {
            foreach (var pin in pinned)
                File.Delete(pin.Path);
            foreach (var created in Enumerable.Reverse(createdDirectories))
                Directory.Delete(created);
            throw;
        }
    }

    /// <summary>Unmaps the data maps' memory (see <see cref="Variable{T}(string)"/>) and closes every program, map and the BTF object.</summary>
    public void Dispose()
    {
        lock (_mappings)
        {
            if (_disposed)
                return;
            _disposed = true;
            foreach (var memory in _mappings.Values)
                memory.Dispose();
        }
        foreach (var program in _programs.Values)
            program.Dispose();
        foreach (var map in _maps.Values)
            map.Dispose();
        Btf?.Dispose();
    }
}
