using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SymGrad.Generator.Model;

/// <summary>A value-equal stand-in for <see cref="Location"/> that does not root a compilation.</summary>
internal sealed record SourceSpan(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static SourceSpan? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new SourceSpan(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    /// <summary>
    /// A line-based span only: kept in method models so that an edit which shifts characters but
    /// not lines (a comment changed in place) leaves the model equal and the pipeline cached.
    /// </summary>
    public static SourceSpan? LinesOf(Location? location) =>
        From(location) is { } span ? span with { Span = default } : null;

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
