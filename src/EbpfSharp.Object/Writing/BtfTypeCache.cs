using EbpfSharp.Object.Btf;

namespace EbpfSharp.Object.Writing;

/// <summary>Adds common BTF types to a section once each: integers, pointers, the arrays BTF-defined maps use.</summary>
public sealed class BtfTypeCache
{
    private readonly BtfSection _btf;
    private readonly Dictionary<BtfType, int> _ids = new();

    /// <summary>Adds types to <paramref name="btf"/>.</summary>
    public BtfTypeCache(BtfSection btf) => _btf = btf;

    /// <summary>The id of <paramref name="type"/>, adding it on first use.</summary>
    public int Add(BtfType type)
    {
        if (!_ids.TryGetValue(type, out int id))
        {
            id = _btf.Add(type);
            _ids.Add(type, id);
        }
        return id;
    }

    /// <summary>An integer type such as <c>int</c> (4, signed) or <c>unsigned long long</c> (8, unsigned).</summary>
    public int Integer(string name, uint size, bool signed) =>
        Add(new BtfInt(size, signed ? BtfIntEncoding.Signed : BtfIntEncoding.None, 0, (byte)(size * 8)) { Name = name });

    /// <summary><c>int</c></summary>
    public int Int => Integer("int", 4, signed: true);

    /// <summary>A pointer to <paramref name="typeId"/> (0 for <c>void *</c>).</summary>
    public int Pointer(int typeId) => Add(new BtfPointer(typeId));

    /// <summary>An array of <paramref name="count"/> elements of <paramref name="elementTypeId"/>.</summary>
    public int Array(int elementTypeId, uint count) =>
        Add(new BtfArray(elementTypeId, Integer("__ARRAY_SIZE_TYPE__", 4, signed: false), count));

    /// <summary>
    /// <c>int (*name)[value]</c>: how libbpf's <c>__uint(name, value)</c> encodes a number in a map definition
    /// (libbpf: src/bpf_helpers.h).
    /// </summary>
    public int EncodedNumber(uint value) => Pointer(Array(Int, value));

    /// <summary><c>struct xdp_md</c> (kernel: include/uapi/linux/bpf.h), the XDP context.</summary>
    public int XdpContext()
    {
        int u32 = Add(new BtfTypedef(Integer("unsigned int", 4, signed: false)) { Name = "__u32" });
        string[] fields = ["data", "data_end", "data_meta", "ingress_ifindex", "rx_queue_index", "egress_ifindex"];
        return Add(new BtfStruct(24, fields.Select((field, i) => new BtfMember(field, u32, (uint)(i * 32))).ToArray()) { Name = "xdp_md" });
    }
}
