using System.Text;

namespace EbpfSharp.Runtime.Interop;

/// <summary>Interface names and indexes, resolved in the calling thread's network namespace (if_nametoindex(3)).</summary>
internal static unsafe class InterfaceNames
{
    /// <summary>The index of interface <paramref name="name"/>, or null when this namespace has none by that name.</summary>
    public static int? IndexOf(string name)
    {
        uint index = LibC.InterfaceNameToIndex(name);
        return index == 0 ? null : (int)index;
    }

    /// <summary>The name of interface <paramref name="index"/>, or null when this namespace has none.</summary>
    public static string? NameOf(int index)
    {
        byte* buffer = stackalloc byte[LibC.InterfaceNameSize];
        if (index <= 0 || LibC.InterfaceIndexToName((uint)index, buffer) == 0)
            return null;
        int length = 0;
        while (length < LibC.InterfaceNameSize && buffer[length] != 0)
            length++;
        return Encoding.UTF8.GetString(buffer, length);
    }
}
