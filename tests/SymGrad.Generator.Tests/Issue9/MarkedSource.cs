using Microsoft.CodeAnalysis.Text;

namespace SymGrad.Generator.Tests.Issue9;

/// <summary>Source with spans marked <c>[|...|]</c>, in order; the markers are removed from the text.</summary>
internal static class MarkedSource
{
    public static (string Source, TextSpan[] Spans) Parse(string marked)
    {
        var spans = new System.Collections.Generic.List<TextSpan>();
        string text = "using System;\nusing SymGrad;\n" + marked;
        while (text.IndexOf("[|", System.StringComparison.Ordinal) is int start and >= 0)
        {
            text = text.Remove(start, 2);
            int end = text.IndexOf("|]", start, System.StringComparison.Ordinal);
            text = text.Remove(end, 2);
            spans.Add(TextSpan.FromBounds(start, end));
        }

        return (text, spans.ToArray());
    }
}
