namespace EbpfSharp.Generators.Model;

/// <summary>
/// What the parser made of one program class: the model to emit (null when the class cannot get a typed class)
/// and the diagnostics to report. The two go to separate outputs, so a diagnostic's moved location does not
/// make the source output run again.
/// </summary>
internal sealed record ProgramClassResult(ProgramClassModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
