using EbpfSharp.Compiler.Ir;

namespace EbpfSharp.Compiler.Emit;

/// <summary>Places the function's stack objects below R10, 8-byte aligned, and returns the bytes used.</summary>
internal static class FrameLayout
{
    public static int Assign(IrFunction function)
    {
        int used = 0;
        foreach (var frame in function.Frames)
        {
            used += (frame.Size + 7) / 8 * 8;
            frame.Offset = -used;
        }
        return used;
    }
}
