using Mono.Cecil;

namespace EbpfSharp.Compiler.Metadata;

/// <summary>Substitutes the type arguments of a generic method (and its declaring type) into signatures.</summary>
internal sealed class GenericContext(IReadOnlyList<TypeReference> typeArguments, IReadOnlyList<TypeReference> methodArguments)
{
    public static GenericContext Empty { get; } = new([], []);

    /// <summary>The context of a generic struct instance, for its fields' types (<c>!0 Key&lt;uint&gt;::Data</c> is a uint).</summary>
    public static GenericContext ForType(TypeReference type) =>
        type is GenericInstanceType instance ? new GenericContext([.. instance.GenericArguments], []) : Empty;

    public static GenericContext For(MethodReference method, GenericContext outer)
    {
        var methodArguments = method is GenericInstanceMethod instance ? instance.GenericArguments.Select(outer.Resolve).ToArray() : [];
        var typeArguments = method.DeclaringType is GenericInstanceType type ? type.GenericArguments.Select(outer.Resolve).ToArray() : [];
        return new GenericContext(typeArguments, methodArguments);
    }

    public TypeReference Resolve(TypeReference type) => type switch
    {
        GenericParameter { Type: GenericParameterType.Method } parameter when parameter.Position < methodArguments.Count => methodArguments[parameter.Position],
        GenericParameter { Type: GenericParameterType.Type } parameter when parameter.Position < typeArguments.Count => typeArguments[parameter.Position],
        PointerType pointer => new PointerType(Resolve(pointer.ElementType)),
        ByReferenceType reference => new ByReferenceType(Resolve(reference.ElementType)),
        RequiredModifierType modified => Resolve(modified.ElementType),
        OptionalModifierType modified => Resolve(modified.ElementType),
        PinnedType pinned => Resolve(pinned.ElementType),
        GenericInstanceType instance => Instantiate(instance),
        _ => type,
    };

    private GenericInstanceType Instantiate(GenericInstanceType instance)
    {
        var result = new GenericInstanceType(instance.ElementType);
        foreach (var argument in instance.GenericArguments)
            result.GenericArguments.Add(Resolve(argument));
        return result;
    }
}
