using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Where a generated method's text so far declares given names: its parameters, and its locals in blocks still open at
/// the text's end. Read line by line from the end, as <see cref="IndentedWriter"/> writes (one statement a line, every
/// brace of a block on a line of its own; the reading stops at a line that starts with a closing brace or ends with an
/// opening one), each line read by <see cref="PrintedCode.TryReadDeclaration"/>: parsing the
/// whole method at each block cost the generator half its time again. Only the signature is parsed, once a method.
/// </summary>
internal static class MethodText
{
    /// <summary>
    /// The names of <paramref name="names"/> the text declares where it ends (a parameter, or a local of a block whose
    /// closing brace is not written yet, or of a for loop whose block is open), with their types. A name missing from
    /// the result is not declared there as far as this reading sees.
    /// </summary>
    /// <param name="method">The method's text so far, from its doc comment on.</param>
    /// <param name="names">The names asked for.</param>
    /// <param name="parameters">The method's parameters (<see cref="Parameters"/>).</param>
    public static Dictionary<string, Declared> Visible(string method, IEnumerable<string> names, IReadOnlyDictionary<string, Declared> parameters)
    {
        var wanted = new HashSet<string>(names);
        var visible = new Dictionary<string, Declared>();

        // No local may take a parameter's name, so a parameter's name is the parameter.
        foreach (string name in wanted)
        {
            if (parameters.TryGetValue(name, out Declared? parameter))
            {
                visible[name] = parameter;
            }
        }

        // From the end back to the method's opening brace: a closing brace hides the block above it down to its opening
        // brace (and a for header just above that brace: the loop's variable); an opening brace met at depth 0 encloses the end.
        int depth = 0;
        bool belowIsOpenBrace = false;
        int end = method.Length;
        int body = BodyStart(method);
        while (end > body && visible.Count < wanted.Count)
        {
            int start = method.LastIndexOf('\n', end - 1) + 1;
            int first = start;
            int last = end - 1;
            end = start - 1;
            while (first <= last && char.IsWhiteSpace(method[first]))
            {
                first++;
            }

            while (last >= first && char.IsWhiteSpace(method[last]))
            {
                last--;
            }

            if (first > last || (method[first] == '/' && first < last && method[first + 1] == '/'))
            {
                continue;
            }

            if (first == last && method[first] == '}')
            {
                depth++;
                belowIsOpenBrace = false;
                continue;
            }

            if (first == last && method[first] == '{')
            {
                belowIsOpenBrace = depth == 0;
                depth = Math.Max(0, depth - 1);
                continue;
            }

            if (method[first] == '}' || method[last] == '{')
            {
                // A brace that shares its line (} else {, } while (c);): this reading stops here, and what it has not
                // found counts as not declared (the block stays if the method mentions it).
                break;
            }

            if (depth == 0)
            {
                string line = method.Substring(first, last - first + 1);
                bool header = line.StartsWith("for (", StringComparison.Ordinal);
                if ((!header || belowIsOpenBrace) && PrintedCode.TryReadDeclaration(line, out string type, out string name, out bool initialized)
                    && wanted.Contains(name) && !visible.ContainsKey(name))
                {
                    // A local without an initializer may be unassigned where the block stands (var is not read as a declaration).
                    visible[name] = new Declared(type, initialized, ByRef: false);
                }
            }

            belowIsOpenBrace = false;
        }

        return visible;
    }

    /// <summary>Where the method's statements start: after its doc comment, attributes, signature and opening brace (the first line that is one).</summary>
    private static int BodyStart(string method) =>
        FirstLine(method, line => line == "{") is { } brace ? Math.Min(brace.End + 1, method.Length) : method.Length;

    /// <summary>The method's signature: its first line that is not its doc comment or an attribute.</summary>
    private static string? SignatureLine(string method) =>
        FirstLine(method, line => line.Length > 0 && !line.StartsWith("///", StringComparison.Ordinal) && !line.StartsWith("[", StringComparison.Ordinal))?.Text;

    /// <summary>The first line of <paramref name="method"/> whose trimmed text passes <paramref name="test"/>: that text and where the line ends.</summary>
    private static (string Text, int End)? FirstLine(string method, Func<string, bool> test)
    {
        for (int start = 0; start < method.Length;)
        {
            int end = method.IndexOf('\n', start);
            end = end < 0 ? method.Length : end;
            string trimmed = method.Substring(start, end - start).Trim();
            if (test(trimmed))
            {
                return (trimmed, end);
            }

            start = end + 1;
        }

        return null;
    }

    /// <summary>The method's parameters, read from its signature with Roslyn's parser (one line); empty when it does not parse.</summary>
    public static Dictionary<string, Declared> Parameters(string method)
    {
        var parameters = new Dictionary<string, Declared>();
        if (SignatureLine(method) is not { } signature || SyntaxFactory.ParseMemberDeclaration(signature + " { }") is not MethodDeclarationSyntax declaration)
        {
            return parameters;
        }

        foreach (ParameterSyntax parameter in declaration.ParameterList.Parameters)
        {
            if (parameter.Type is null)
            {
                continue;
            }

            // An out parameter may be unassigned where the block stands; ref readonly and in parameters pass by value.
            SyntaxTokenList modifiers = parameter.Modifiers;
            bool passable = !modifiers.Any(SyntaxKind.OutKeyword) && !modifiers.Any(SyntaxKind.ScopedKeyword) && !modifiers.Any(SyntaxKind.ThisKeyword);
            bool byRef = modifiers.Any(SyntaxKind.RefKeyword) && !modifiers.Any(SyntaxKind.ReadOnlyKeyword);
            parameters[parameter.Identifier.ValueText] = new Declared(parameter.Type.ToString(), passable, byRef);
        }

        return parameters;
    }

    /// <summary>Whether <paramref name="word"/> stands in <paramref name="text"/> as a whole name (<c>@word</c> counts: it is the same name).</summary>
    public static bool ContainsWord(string text, string word)
    {
        for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            bool startsWord = at == 0 || !PrintedCode.IsNamePart(text[at - 1]);
            bool endsWord = at + word.Length == text.Length || !PrintedCode.IsNamePart(text[at + word.Length]);
            if (startsWord && endsWord)
            {
                return true;
            }
        }

        return false;
    }
}
