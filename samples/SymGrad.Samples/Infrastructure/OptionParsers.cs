using System.CommandLine.Parsing;
using System.Globalization;

namespace SymGrad.Samples.Infrastructure;

/// <summary>
/// Parsers for the numeric options. They reject bad values at parse time, before any work, with a message that names the
/// option and the kind of value in words: System.CommandLine's own message names the .NET type (System.Nullable`1[System.Int32]).
/// </summary>
internal static class OptionParsers
{
    public static int? PositiveWholeNumber(ArgumentResult result)
    {
        string text = Token(result);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value > 0)
        {
            return value;
        }

        result.AddError($"{OptionName(result)} needs a positive whole number, not '{text}'.");
        return null;
    }

    public static int WholeNumber(ArgumentResult result)
    {
        string text = Token(result);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        result.AddError($"{OptionName(result)} needs a whole number, not '{text}'.");
        return 0;
    }

    public static double? PositiveNumber(ArgumentResult result)
    {
        string text = Token(result);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) && value > 0)
        {
            return value;
        }

        result.AddError($"{OptionName(result)} needs a positive number such as 0.05, not '{text}'.");
        return null;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : "the value";
}
