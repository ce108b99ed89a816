using System.Runtime.InteropServices;

namespace EbpfSharp.Compiler;

/// <summary>
/// The CPU architecture whose kernel runs the programs: it decides where a probe's registers are in
/// <c>struct pt_regs</c> (<c>PtRegs</c> members and typed kprobe/uprobe parameters).
/// </summary>
public enum TargetArchitecture
{
    /// <summary>x86-64: arguments in rdi, rsi, rdx, rcx, r8, r9; the return value in rax.</summary>
    X64,
    /// <summary>arm64 (AArch64): arguments in x0–x7; the return value in x0.</summary>
    Arm64,
}

/// <summary>Names and defaults of <see cref="TargetArchitecture"/>.</summary>
public static class TargetArchitectures
{
    /// <summary>The machine the compiler runs on: arm64 on AArch64 hosts, x86-64 on every other.</summary>
    public static TargetArchitecture Host => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? TargetArchitecture.Arm64 : TargetArchitecture.X64;

    /// <summary>Reads <c>x64</c> or <c>arm64</c> (case-insensitive; also <c>x86_64</c>, <c>amd64</c>, <c>aarch64</c>).</summary>
    public static bool TryParse(string? text, out TargetArchitecture architecture)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "x64" or "x86_64" or "x86-64" or "amd64":
                architecture = TargetArchitecture.X64;
                return true;
            case "arm64" or "aarch64":
                architecture = TargetArchitecture.Arm64;
                return true;
            default:
                architecture = Host;
                return false;
        }
    }
}
