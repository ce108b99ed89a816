namespace EbpfSharp.Object.Btf;

/// <summary>The kind in bits 24–28 of a BTF type's info word (kernel: include/uapi/linux/btf.h, BTF_KIND_*).</summary>
public enum BtfKind : byte
{
    /// <summary>Not a kind; type id 0 is void.</summary>
    Void = 0,
    /// <summary>BTF_KIND_INT</summary>
    Int = 1,
    /// <summary>BTF_KIND_PTR</summary>
    Pointer = 2,
    /// <summary>BTF_KIND_ARRAY</summary>
    Array = 3,
    /// <summary>BTF_KIND_STRUCT</summary>
    Struct = 4,
    /// <summary>BTF_KIND_UNION</summary>
    Union = 5,
    /// <summary>BTF_KIND_ENUM</summary>
    Enum = 6,
    /// <summary>BTF_KIND_FWD</summary>
    Forward = 7,
    /// <summary>BTF_KIND_TYPEDEF</summary>
    Typedef = 8,
    /// <summary>BTF_KIND_VOLATILE</summary>
    Volatile = 9,
    /// <summary>BTF_KIND_CONST</summary>
    Const = 10,
    /// <summary>BTF_KIND_RESTRICT</summary>
    Restrict = 11,
    /// <summary>BTF_KIND_FUNC</summary>
    Function = 12,
    /// <summary>BTF_KIND_FUNC_PROTO</summary>
    FunctionProto = 13,
    /// <summary>BTF_KIND_VAR</summary>
    Variable = 14,
    /// <summary>BTF_KIND_DATASEC</summary>
    DataSection = 15,
    /// <summary>BTF_KIND_FLOAT</summary>
    Float = 16,
    /// <summary>BTF_KIND_DECL_TAG</summary>
    DeclTag = 17,
    /// <summary>BTF_KIND_TYPE_TAG</summary>
    TypeTag = 18,
    /// <summary>BTF_KIND_ENUM64</summary>
    Enum64 = 19,
}

/// <summary>Bits of an INT type's encoding (kernel: BTF_INT_SIGNED, BTF_INT_CHAR, BTF_INT_BOOL).</summary>
[Flags]
public enum BtfIntEncoding : byte
{
    /// <summary>Unsigned.</summary>
    None = 0,
    /// <summary>Signed.</summary>
    Signed = 1,
    /// <summary>A character type (pretty-printing only).</summary>
    Char = 2,
    /// <summary>A boolean (pretty-printing only).</summary>
    Bool = 4,
}

/// <summary>The linkage of a FUNC, stored in its vlen (kernel: enum btf_func_linkage).</summary>
public enum BtfFunctionLinkage : ushort
{
    /// <summary>Static: the verifier checks the function in each caller's context.</summary>
    Static = 0,
    /// <summary>Global: the verifier checks the function once, against its prototype.</summary>
    Global = 1,
    /// <summary>Extern: defined elsewhere (kfuncs, other objects).</summary>
    Extern = 2,
}

/// <summary>The linkage of a VAR (kernel: enum btf_var_linkage).</summary>
public enum BtfVariableLinkage : uint
{
    /// <summary>Static: libbpf does not look for an ELF symbol.</summary>
    Static = 0,
    /// <summary>Global and allocated in this object: maps and global variables.</summary>
    Global = 1,
    /// <summary>Extern (__ksym, __kconfig).</summary>
    Extern = 2,
}
