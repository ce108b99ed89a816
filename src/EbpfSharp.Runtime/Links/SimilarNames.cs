namespace EbpfSharp.Runtime;

/// <summary>Picks the names closest to one that was not found, for "did you mean" lists in error messages.</summary>
internal static class SimilarNames
{
    /// <summary>Up to <paramref name="count"/> candidates that contain <paramref name="wanted"/> or are a few edits away from it.</summary>
    public static IReadOnlyList<string> Closest(string wanted, IEnumerable<string> candidates, int count = 5)
    {
        int tolerance = Math.Max(2, wanted.Length / 3);
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(candidate => (candidate, score: Score(wanted, candidate)))
            .Where(scored => scored.score <= tolerance)
            .OrderBy(scored => scored.score)
            .ThenBy(scored => scored.candidate.Length)
            .ThenBy(scored => scored.candidate, StringComparer.Ordinal)
            .Take(count)
            .Select(scored => scored.candidate)
            .ToList();
    }

    /// <summary>"; similar names: a, b" or an empty string.</summary>
    public static string Describe(string wanted, IEnumerable<string> candidates)
    {
        var closest = Closest(wanted, candidates);
        return closest.Count == 0 ? string.Empty : $"; similar names: {string.Join(", ", closest)}";
    }

    // Containment (either way, ignoring case) counts as one edit; otherwise the edit distance.
    private static int Score(string wanted, string candidate)
    {
        if (candidate.Contains(wanted, StringComparison.OrdinalIgnoreCase) || wanted.Contains(candidate, StringComparison.OrdinalIgnoreCase))
            return candidate.Length == wanted.Length ? 0 : 1;
        if (Math.Abs(candidate.Length - wanted.Length) > Math.Max(2, wanted.Length / 3))
            return int.MaxValue;
        return EditDistance(wanted, candidate);
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
