namespace EbpfSharp.Generators;

/// <summary>The named steps of the generator's pipeline, which the incremental tests check stay cached on unrelated edits.</summary>
internal static class TrackingNames
{
    /// <summary>The parsed program classes: model and diagnostics.</summary>
    public const string ProgramClasses = nameof(ProgramClasses);

    /// <summary>The models the source output writes from.</summary>
    public const string Models = nameof(Models);

    /// <summary>The diagnostics the diagnostics output reports.</summary>
    public const string Diagnostics = nameof(Diagnostics);
}
