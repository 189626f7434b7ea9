using System;
using System.Collections.Generic;
using System.Globalization;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Gives each generated file a hint name no other file of this run has. Roslyn compares hint names
/// ignoring case, so this does too; a taken name gets a number before its extension.
/// </summary>
internal sealed class UniqueHintNames
{
    private const string Extension = ".SymGrad.g.cs";

    private readonly HashSet<string> taken = new(StringComparer.OrdinalIgnoreCase);

    public string Claim(string hintName)
    {
        if (taken.Add(hintName))
        {
            return hintName;
        }

        string stem = hintName.EndsWith(Extension, StringComparison.Ordinal) ? hintName.Substring(0, hintName.Length - Extension.Length) : hintName;
        for (int number = 2; ; number++)
        {
            string candidate = stem + "_" + number.ToString(CultureInfo.InvariantCulture) + Extension;
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
