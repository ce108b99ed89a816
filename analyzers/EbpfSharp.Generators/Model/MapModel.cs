namespace EbpfSharp.Generators.Model;

/// <summary>A map field.</summary>
/// <param name="Name">The field's name, which is the generated property's name.</param>
/// <param name="ObjectName">The map's name in the object.</param>
/// <param name="View">The host-side type it gets.</param>
/// <param name="ViewType">That type, fully qualified: <c>global::EbpfSharp.Runtime.MapView&lt;uint, ulong&gt;</c>.</param>
/// <param name="DeclaredType">The field's type as the user wrote it (<c>ArrayMap&lt;ulong&gt;</c>), for doc comments.</param>
/// <param name="IsPublic">Whether the view's type arguments are public (else the property is internal).</param>
internal sealed record MapModel(string Name, string ObjectName, MapViewKind View, string ViewType, string DeclaredType, bool IsPublic);
