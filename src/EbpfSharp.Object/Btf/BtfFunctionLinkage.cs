namespace EbpfSharp.Object.Btf;

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
