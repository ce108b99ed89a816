using EbpfSharp.Compiler.Metadata;
using Mono.Cecil;

namespace EbpfSharp.Compiler.Data;

/// <summary>A map a program class declares: a <c>static readonly</c> field of a map class.</summary>
internal sealed record MapSymbol(string Symbol, FieldDefinition Field, int Kind, TypeReference? Key, TypeReference? Value,
    uint KeySize, uint ValueSize, uint MaxEntries, uint Flags, bool Pinned, ulong Extra);

/// <summary>A global variable: a static field of a primitive, enum or struct type, in .rodata, .data or .bss.</summary>
internal sealed record GlobalSymbol(string Symbol, FieldDefinition Field, string Section, TypeReference Type, byte[] InitialValue);

/// <summary>Why a static field cannot be a map or global; the message says what to write instead.</summary>
internal sealed class StaticFieldException(string message) : Exception(message);

/// <summary>
/// The maps and globals of one object: static fields, turned into symbols on first use (and, for the program
/// class, all of its own), with what their static constructor sets them to.
/// </summary>
internal sealed class StaticSymbols(TypeLayouts layouts, Func<string, string> reserveSymbol)
{
    // Kernel map types (include/uapi/linux/bpf.h, enum bpf_map_type) by how they key their values.
    private static readonly HashSet<int> KeyedKinds = [1, 5, 9, 10, 11];
    private static readonly HashSet<int> IndexedKinds = [2, 6];
    private static readonly HashSet<int> ValueOnlyKinds = [22, 23, 30];
    private const int ProgramArrayKind = 3, PerfEventArrayKind = 4, StackTraceKind = 7, LpmTrieKind = 11, RingBufferKind = 27, BloomFilterKind = 30;
    private const uint NoPreallocate = 1;

    private readonly Dictionary<FieldDefinition, object> _symbols = [];
    private readonly Dictionary<TypeDefinition, IReadOnlyDictionary<FieldDefinition, InitialValue>> _initializers = [];

    public IEnumerable<MapSymbol> Maps => _symbols.Values.OfType<MapSymbol>();

    public IEnumerable<GlobalSymbol> Globals => _symbols.Values.OfType<GlobalSymbol>();

    /// <summary>The map or global behind a static field, created on first use.</summary>
    /// <exception cref="StaticFieldException">The field cannot be one.</exception>
    public object Get(FieldDefinition field)
    {
        if (_symbols.TryGetValue(field, out var known))
            return known;
        object symbol = MapTypes.Kind(field.FieldType) is int kind ? Map(field, kind) : Global(field);
        _symbols[field] = symbol;
        return symbol;
    }

    private InitialValue InitialValueOf(FieldDefinition field)
    {
        if (!_initializers.TryGetValue(field.DeclaringType, out var values))
            _initializers[field.DeclaringType] = values = StaticInitializer.Evaluate(field.DeclaringType, MapTypes.IsMap);
        return values.TryGetValue(field, out var value) ? value : InitialValue.Zero;
    }

    private MapSymbol Map(FieldDefinition field, int kind)
    {
        string name = $"{field.DeclaringType.Name}.{field.Name}";
        if (!field.IsInitOnly)
            throw new StaticFieldException($"Map '{name}' is a static field that can be reassigned; declare it 'static readonly' and initialise it with new(...).");
        if (InitialValueOf(field) is not InitialValue.Map { Arguments: var arguments })
            throw new StaticFieldException($"Map '{name}' is not initialised with new(...) in its declaration; write 'static readonly {field.FieldType.Name.Split('`')[0]}<...> {field.Name} = new(maxEntries: ...);'.");
        long Argument(string parameter, long fallback = 0) => arguments.TryGetValue(parameter, out long value) ? value : fallback;
        bool hasSize = arguments.ContainsKey("maxEntries") || arguments.ContainsKey("sizeBytes");
        if (!hasSize && kind != PerfEventArrayKind)
            throw new StaticFieldException($"Map '{name}' needs a constant size (maxEntries or sizeBytes): the kernel sizes maps when they are created.");
        long maxEntries = arguments.TryGetValue("sizeBytes", out long bytes) ? bytes : Argument("maxEntries");
        if (maxEntries < 0 || maxEntries > uint.MaxValue || maxEntries == 0 && kind != PerfEventArrayKind)
            throw new StaticFieldException($"Map '{name}' has {maxEntries} entries; a map needs at least 1.");
        if (kind == RingBufferKind && (maxEntries < 4096 || (maxEntries & (maxEntries - 1)) != 0))
            throw new StaticFieldException($"Ring buffer '{name}' is {maxEntries} bytes; the kernel needs a power of two of at least 4096 (the page size).");

        var generic = field.FieldType as GenericInstanceType;
        TypeReference? Argument0() => generic?.GenericArguments.ElementAtOrDefault(0);
        TypeReference? key = null, value = null;
        uint keySize = 0, valueSize = 0;
        if (KeyedKinds.Contains(kind))
        {
            key = Argument0();
            value = generic?.GenericArguments.ElementAtOrDefault(1);
        }
        else if (IndexedKinds.Contains(kind))
        {
            key = field.Module.TypeSystem.UInt32;
            value = Argument0();
        }
        else if (ValueOnlyKinds.Contains(kind))
        {
            value = Argument0();
        }
        else if (kind is ProgramArrayKind or PerfEventArrayKind)
        {
            (keySize, valueSize) = (4, 4);
        }
        else if (kind == StackTraceKind)
        {
            long depth = Argument("depth", 127);
            if (depth is < 1 or > 127)
                throw new StaticFieldException($"Stack trace map '{name}' keeps {depth} frames; use 1 to 127.");
            (keySize, valueSize) = (4, (uint)depth * 8);
        }
        if (key is not null)
            keySize = (uint)SizeOf(key, name, "key");
        if (value is not null)
            valueSize = (uint)SizeOf(value, name, "value");
        if (kind == LpmTrieKind && keySize <= 4)
            throw new StaticFieldException($"LPM trie '{name}' has a {keySize}-byte key; its key starts with a uint prefix length followed by the data.");

        uint flags = (uint)Argument("flags");
        if (kind == LpmTrieKind)
            flags |= NoPreallocate;
        ulong extra = kind == BloomFilterKind ? (ulong)Argument("hashCount", 5) : 0;
        return new MapSymbol(reserveSymbol(field.Name), field, kind, key, value, keySize, valueSize, (uint)maxEntries, flags, Argument("pinned") != 0, extra);
    }

    private GlobalSymbol Global(FieldDefinition field)
    {
        string name = $"{field.DeclaringType.Name}.{field.Name}";
        var type = field.FieldType;
        if (TypeLayouts.Scalar(type) is null && !TypeLayouts.IsStruct(type) || type.IsPointer || !type.IsValueType)
            throw new StaticFieldException($"Static field '{name}' has type '{type.FullName}', which a program cannot hold; globals are primitives, enums or unmanaged structs.");
        int size = SizeOf(type, name, "global");
        var bytes = new byte[size];
        var initial = InitialValueOf(field);
        switch (initial)
        {
            case InitialValue.Constant { Value: var value } when TypeLayouts.Scalar(type) is not null:
                BitConverter.GetBytes(value).AsSpan(0, size).CopyTo(bytes);
                break;
            case InitialValue.Constant { Value: 0 }:
                break;
            default:
                throw new StaticFieldException($"Static field '{name}' is initialised by code the compiler does not evaluate; give globals constant initialisers (or none, for zero).");
        }
        string section = field.IsInitOnly ? ".rodata" : bytes.Any(b => b != 0) ? ".data" : ".bss";
        return new GlobalSymbol(reserveSymbol(field.Name), field, section, type, bytes);
    }

    private int SizeOf(TypeReference type, string owner, string role)
    {
        try
        {
            return layouts.SizeOf(type);
        }
        catch (UnsupportedTypeException exception) when (exception.FloatingPointMessage($"The {role} type of '{owner}'") is { } message)
        {
            throw new StaticFieldException(message);
        }
        catch (UnsupportedTypeException)
        {
            throw new StaticFieldException($"The {role} type of '{owner}', '{type.FullName}', has no eBPF layout: use primitives, enums or unmanaged structs (generic structs are not supported).");
        }
    }
}
