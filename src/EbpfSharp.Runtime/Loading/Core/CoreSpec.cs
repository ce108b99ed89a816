using System.Globalization;
using System.Text;
using EbpfSharp.Object;
using EbpfSharp.Object.Btf;

namespace EbpfSharp.Runtime.Loading.Core;

/// <summary>
/// One step of a CO-RE access: a named member of a struct or union (<see cref="Name"/> set, <see cref="TypeId"/> the
/// struct) or an array element (<see cref="Name"/> null, <see cref="TypeId"/> the element type), or for enum
/// relocations the enumerator (libbpf: struct bpf_core_accessor).
/// </summary>
internal readonly record struct CoreAccessor(int TypeId, int Index, string? Name);

/// <summary>
/// A CO-RE access resolved against one BTF: the high-level accessors (named members and array indices; anonymous
/// members are not accessors), the raw access indices and the bit offset they reach (libbpf: struct bpf_core_spec).
/// </summary>
internal sealed class CoreSpec
{
    /// <summary>libbpf's BPF_CORE_SPEC_MAX_LEN.</summary>
    public const int MaxLength = 64;

    public CoreSpec(BtfSection btf, int rootTypeId, BtfCoreRelocationKind kind)
    {
        Btf = btf;
        RootTypeId = rootTypeId;
        Kind = kind;
    }

    public BtfSection Btf { get; }

    public int RootTypeId { get; }

    public BtfCoreRelocationKind Kind { get; }

    public List<CoreAccessor> Accessors { get; } = [];

    public List<int> Raw { get; } = [];

    public long BitOffset { get; set; }

    public CoreSpec Clone()
    {
        var copy = new CoreSpec(Btf, RootTypeId, Kind) { BitOffset = BitOffset };
        copy.Accessors.AddRange(Accessors);
        copy.Raw.AddRange(Raw);
        return copy;
    }

    public static bool IsFieldBased(BtfCoreRelocationKind kind) => kind <= BtfCoreRelocationKind.FieldRightShift64;

    public static bool IsTypeBased(BtfCoreRelocationKind kind) =>
        kind is BtfCoreRelocationKind.TypeIdLocal or BtfCoreRelocationKind.TypeIdTarget or BtfCoreRelocationKind.TypeExists
            or BtfCoreRelocationKind.TypeSize or BtfCoreRelocationKind.TypeMatches;

    public static bool IsEnumValueBased(BtfCoreRelocationKind kind) =>
        kind is BtfCoreRelocationKind.EnumValueExists or BtfCoreRelocationKind.EnumValue;

    /// <summary>
    /// Parses an access string ("0:1:2") against the local BTF, the way clang meant it: the first index steps over
    /// the root pointer, later ones pick struct/union members (anonymous ones included) or array elements
    /// (libbpf: bpf_core_parse_spec).
    /// </summary>
    /// <exception cref="ObjectFormatException">The access string does not fit the local type.</exception>
    public static CoreSpec Parse(BtfSection btf, int typeId, string access, BtfCoreRelocationKind kind)
    {
        string where = $"CO-RE relocation ({kind}) on local type [{typeId}] with access string '{access}'";
        var spec = new CoreSpec(btf, typeId, kind);
        if (access.Length == 0 || access[0] == ':')
            throw new ObjectFormatException($"The {where} has a malformed access string.");
        if (IsTypeBased(kind))
        {
            if (access != "0")
                throw new ObjectFormatException($"The {where} is type-based, so its access string must be \"0\".");
            if (typeId < 0 || typeId > btf.Types.Count)
                throw new ObjectFormatException($"The {where} names a type the object's BTF does not have.");
            return spec;
        }
        foreach (string part in access.Split(':'))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                throw new ObjectFormatException($"The {where} has a malformed access string.");
            if (spec.Raw.Count == MaxLength)
                throw new ObjectFormatException($"The {where} is longer than {MaxLength} steps.");
            spec.Raw.Add(index);
        }
        int id = Skip(btf, typeId, where);
        var type = btf[id] ?? throw new ObjectFormatException($"The {where} starts at void.");
        int first = spec.Raw[0];
        if (IsEnumValueBased(kind))
        {
            if (type is not BtfEnum enumeration || spec.Raw.Count > 1 || first >= enumeration.Values.Count)
                throw new ObjectFormatException($"The {where} does not name an enumerator of an enum.");
            spec.Accessors.Add(new CoreAccessor(id, first, enumeration.Values[first].Name));
            return spec;
        }
        if (!IsFieldBased(kind))
            throw new ObjectFormatException($"The {where} has relocation kind {(uint)kind}, which EbpfSharp does not know.");

        spec.Accessors.Add(new CoreAccessor(id, first, null));
        spec.BitOffset = (long)first * Size(btf, id, where) * 8;
        for (int i = 1; i < spec.Raw.Count; i++)
        {
            id = Skip(btf, id, where);
            int index = spec.Raw[i];
            switch (btf[id])
            {
                case BtfStruct composite:
                {
                    if (index >= composite.Members.Count)
                        throw new ObjectFormatException($"The {where} picks member {index} of a {composite.Kind} with {composite.Members.Count}.");
                    var member = composite.Members[index];
                    spec.BitOffset += member.BitOffset;
                    if (member.Name.Length > 0)
                        spec.Accessors.Add(new CoreAccessor(id, index, member.Name));
                    id = member.TypeId;
                    break;
                }
                case BtfArray array:
                {
                    id = Skip(btf, array.ElementTypeId, where);
                    bool flexible = IsFlexibleArray(btf, spec.Accessors[^1], array);
                    if (!flexible && index >= array.Count)
                        throw new ObjectFormatException($"The {where} picks element {index} of an array of {array.Count}.");
                    spec.Accessors.Add(new CoreAccessor(id, index, null));
                    spec.BitOffset += (long)index * Size(btf, id, where) * 8;
                    break;
                }
                default:
                    throw new ObjectFormatException($"The {where} steps into a {btf[id]?.Kind.ToString() ?? "void"}, which has neither members nor elements.");
            }
        }
        return spec;
    }

    /// <summary>An array with no elements as the last member of a struct (libbpf: is_flex_arr).</summary>
    public static bool IsFlexibleArray(BtfSection btf, CoreAccessor previous, BtfArray array) =>
        previous.Name is not null && array.Count == 0
        && btf[previous.TypeId] is BtfStruct owner && previous.Index == owner.Members.Count - 1;

    /// <summary>Follows typedefs, qualifiers and type tags.</summary>
    public static int Skip(BtfSection btf, int id, string where)
    {
        try
        {
            return btf.SkipModifiers(id);
        }
        catch (ObjectFormatException exception)
        {
            throw new ObjectFormatException($"The {where}: {exception.Message}", exception);
        }
    }

    /// <summary>The size of a type, or null when it has none (void, a function, a forward declaration).</summary>
    public static long? TrySize(BtfSection btf, int id)
    {
        try
        {
            return (long)btf.ResolveSize(id);
        }
        catch (ObjectFormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static long Size(BtfSection btf, int id, string where) =>
        TrySize(btf, id) ?? throw new ObjectFormatException($"The {where} steps over type [{id}], which has no size.");

    /// <summary>The length of a name without its <c>___flavor</c> suffix (libbpf: bpf_core_essential_name_len).</summary>
    public static int EssentialNameLength(string name)
    {
        for (int i = name.Length - 5; i >= 0; i--)
        {
            if (name[i] != '_' && name[i + 1] == '_' && name[i + 2] == '_' && name[i + 3] == '_' && name[i + 4] != '_')
                return i + 1;
        }
        return name.Length;
    }

    public static string EssentialName(string name) => name[..EssentialNameLength(name)];

    /// <summary>"struct task_struct", "enum pid_type", "typedef u32", for messages.</summary>
    public static string Describe(BtfSection btf, int id)
    {
        var type = btf[id];
        if (type is null)
            return "void";
        string name = type.Name.Length == 0 ? "(anon)" : type.Name;
        return type.Kind switch
        {
            BtfKind.Struct => $"struct {name}",
            BtfKind.Union => $"union {name}",
            BtfKind.Enum or BtfKind.Enum64 => $"enum {name}",
            BtfKind.Forward => $"struct {name} (forward declaration)",
            BtfKind.Typedef => $"typedef {name}",
            BtfKind.Int => name,
            _ => $"{type.Kind.ToString().ToLowerInvariant()} {name}",
        };
    }

    /// <summary>The access as C: "struct task_struct.real_parent", "struct s[1].c[5]", "enum pid_type::PIDTYPE_TGID".</summary>
    public string Path()
    {
        var builder = new StringBuilder(Describe(Btf, RootTypeId));
        if (IsTypeBased(Kind))
            return builder.ToString();
        if (IsEnumValueBased(Kind))
            return builder.Append("::").Append(Accessors[0].Name).ToString();
        if (Raw.Count > 0 && Raw[0] != 0)
            builder.Append('[').Append(Raw[0]).Append(']');
        foreach (var accessor in Accessors.Skip(1))
        {
            if (accessor.Name is not null)
                builder.Append('.').Append(accessor.Name);
            else
                builder.Append('[').Append(accessor.Index).Append(']');
        }
        return builder.ToString();
    }

    /// <summary>The field path after the root type ("real_parent", "u.state"), or the enumerator name.</summary>
    public string FieldPath(int upToAccessor = int.MaxValue)
    {
        var builder = new StringBuilder();
        for (int i = 1; i < Accessors.Count && i <= upToAccessor; i++)
        {
            var accessor = Accessors[i];
            if (accessor.Name is not null)
                builder.Append(builder.Length == 0 ? "" : ".").Append(accessor.Name);
            else
                builder.Append('[').Append(accessor.Index).Append(']');
        }
        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Path()} ({string.Join(':', Raw)} @ offset {BitOffset / 8}{(BitOffset % 8 != 0 ? $".{BitOffset % 8}" : "")})";
}
