using Microsoft.CodeAnalysis;

namespace EbpfSharp.Generators;

internal static class IncrementalValuesProviderExtensions
{
    /// <summary>The values that are not null, typed as such.</summary>
    public static IncrementalValuesProvider<T> WhereNotNull<T>(this IncrementalValuesProvider<T?> values) where T : class =>
        values.Where(static value => value is not null).Select(static (value, _) => value!);
}
