namespace EbpfSharp.Generators.Model;

/// <summary>Everything the emitter needs to write the typed class of one program class.</summary>
/// <param name="HintName">The generated file's name: <c>Ns.Outer.Class.g.cs</c>.</param>
/// <param name="Namespace">The class's namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">The types that contain the class, outermost first.</param>
/// <param name="Name">The class's name.</param>
/// <param name="FullyQualifiedName">The class as <c>global::Ns.Outer.Class</c>, for <c>typeof</c>.</param>
/// <param name="Programs">The program methods, in declaration order.</param>
/// <param name="Maps">The map fields, in declaration order.</param>
/// <param name="Globals">The global variables (mutable and read-only), in declaration order.</param>
internal sealed record ProgramClassModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string FullyQualifiedName,
    EquatableArray<ProgramModel> Programs,
    EquatableArray<MapModel> Maps,
    EquatableArray<GlobalModel> Globals);
