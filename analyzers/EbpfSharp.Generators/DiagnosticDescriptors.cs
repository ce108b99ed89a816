using Microsoft.CodeAnalysis;

namespace EbpfSharp.Generators;

/// <summary>The generator's diagnostics; docs/diagnostics.md has a section for each with a failing example and the fix.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "EbpfSharp.Generator";

    /// <summary>{0}: the class; {1}: what is not partial; {2}: where to add <c>partial</c>.</summary>
    public static readonly DiagnosticDescriptor ClassNotPartial = new(
        DiagnosticIds.ClassNotPartial,
        title: "Program class is not partial",
        messageFormat: "Class '{0}' declares eBPF programs but {1}, so no typed Load() is generated for it; add the 'partial' modifier {2}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The generator adds Open(), Load() and the Opened, ConfigValues and Loaded classes to each class that declares eBPF programs, which needs the class and every type that contains it to be partial.");

    /// <summary>{0}: the class; {1}: the method.</summary>
    public static readonly DiagnosticDescriptor ProgramNotStatic = new(
        DiagnosticIds.ProgramNotStatic,
        title: "Program method is not static",
        messageFormat: "Program '{0}.{1}' is an instance method, but the kernel calls a program with its context and no object; add the 'static' modifier",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An eBPF program is a static method: the kernel passes it its context (the packet, the registers) and nothing else.");

    /// <summary>{0}: the class; {1}: the program name.</summary>
    public static readonly DiagnosticDescriptor DuplicateProgramName = new(
        DiagnosticIds.DuplicateProgramName,
        title: "Two programs have the same name",
        messageFormat: "Class '{0}' declares more than one program named '{1}': programs are named after their methods in the object and in the generated class, so overloads clash; rename this one",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The object names each program after its method, and the generated Loaded class has one property per program, so the program methods of a class need distinct names.");

    /// <summary>{0}: the class; {1}: what is generic.</summary>
    public static readonly DiagnosticDescriptor GenericClass = new(
        DiagnosticIds.GenericClass,
        title: "Program class is generic",
        messageFormat: "Class '{0}' declares eBPF programs but {1}, so no typed Load() is generated for it: the build writes one object per class, not one per type argument; move the programs to a non-generic class",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An eBPF object has one set of programs, maps and globals, so the class it is compiled from cannot have type parameters.");

    /// <summary>{0}: the member; {1}: the class; {2}: the generated member it collides with.</summary>
    public static readonly DiagnosticDescriptor NameCollision = new(
        DiagnosticIds.NameCollision,
        title: "Member name collides with a generated member",
        messageFormat: "'{0}' in class '{1}' has the name of {2}, which the generator writes, so no typed Load() is generated for '{1}'; rename '{0}'",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The generator adds Open, Load, Opened, ConfigValues and Loaded to a program class, and Loaded has Object and Dispose besides a property per program, map and global; a member with one of these names would clash.");
}
