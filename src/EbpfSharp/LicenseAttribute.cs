namespace EbpfSharp;

/// <summary>
/// The license written into the object of a class's programs (the <c>license</c> section). Without it the
/// object says "GPL". GPL-only kernel helpers need a GPL-compatible license.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LicenseAttribute(string license) : Attribute
{
    /// <summary>The license string, such as <c>GPL</c> or <c>Dual BSD/GPL</c>.</summary>
    public string License { get; } = license;
}
