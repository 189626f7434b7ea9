namespace SymGrad.Inspection;

/// <summary>
/// One file SymGrad generated: the method it differentiates as <c>Type.Method</c> (from the file's header comment),
/// the generator's file name, and the text.
/// </summary>
public sealed record GeneratedSource(string Model, string FileName, string Text)
{
    /// <summary>
    /// Whether <paramref name="query"/> names this file's method: <c>Type.Method</c>, a whole type <c>Type</c>, or just
    /// <c>Method</c>, ignoring case.
    /// </summary>
    public bool Matches(string query) =>
        string.Equals(Model, query, System.StringComparison.OrdinalIgnoreCase)
        || Model.StartsWith(query + ".", System.StringComparison.OrdinalIgnoreCase)
        || Model.EndsWith("." + query, System.StringComparison.OrdinalIgnoreCase);
}
