// MSBuild task (compiled by RoslynCodeTaskFactory, see TorchSharpOnDebian12.targets) that marks one
// symbol-version requirement of an ELF shared library as weak, so the dynamic loader only warns
// (when LD_DEBUG asks) instead of refusing to load the library when that version is missing.
//
// Why: TorchSharp 0.107.0's libLibTorchSharp.so was linked against GCC 13's libstdc++ and lists
// GLIBCXX_3.4.32 among its needed versions. Debian 12 ships GCC 12's libstdc++ (up to 3.4.30), so
// dlopen fails and TorchSharp reports a misleading TypeInitializationException. The only symbol
// bound to that version is std::ios_base_library_init(), which GCC 13's <iostream> references
// without a relocation: nothing ever calls or binds it, so the requirement is safe to weaken.
//
// How: parse the ELF64 little-endian file properly (ELF header -> section headers -> the
// SHT_GNU_verneed section and its linked string table), walk the Elf64_Verneed entries to the one
// for the given library file and its Elf64_Vernaux entries to the given version name, and set
// VER_FLG_WEAK (0x2) in that entry's vna_flags. Nothing else changes (same size, same layout).
// The task is idempotent (an entry already weak is left alone), writes a new file and moves it over
// the old one (so a hard link into the NuGet cache is never modified), and keeps the copied file's
// timestamp so MSBuild's incremental copy still sees it as up to date.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenElfVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>The ELF shared libraries to patch (copies in the build or publish output).</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The needed library whose version entry is weakened, e.g. libstdc++.so.6.</summary>
    [Required]
    public string Library { get; set; } = string.Empty;

    /// <summary>The version name to weaken, e.g. GLIBCXX_3.4.32.</summary>
    [Required]
    public string Version { get; set; } = string.Empty;

    public override bool Execute()
    {
        foreach (ITaskItem item in Files)
        {
            string path = item.GetMetadata("FullPath");
            try
            {
                PatchFile(path);
            }
            catch (InvalidDataException e)
            {
                Log.LogError("{0}: not patched: {1}", path, e.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }

    private void PatchFile(string path)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("not a 64-bit little-endian ELF file");
        }

        // Elf64_Ehdr: e_shoff at 0x28, e_shentsize at 0x3A, e_shnum at 0x3C.
        long sectionTable = checked((long)U64(elf, 0x28));
        int sectionSize = U16(elf, 0x3A);
        int sectionCount = U16(elf, 0x3C);
        if (sectionTable <= 0 || sectionSize < 64 || sectionTable + (long)sectionSize * sectionCount > elf.Length)
        {
            throw new InvalidDataException("bad section header table");
        }

        int fieldOffset = -1;
        bool alreadyWeak = false;
        for (int s = 0; s < sectionCount && fieldOffset < 0; s++)
        {
            // Elf64_Shdr: sh_type at 4, sh_offset at 24, sh_size at 32, sh_link at 40, sh_info at 44.
            int header = checked((int)(sectionTable + (long)s * sectionSize));
            if (U32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            int start = checked((int)U64(elf, header + 24));
            int end = checked(start + (int)U64(elf, header + 32));
            int entryCount = (int)U32(elf, header + 44);
            int stringsHeader = checked((int)(sectionTable + (long)U32(elf, header + 40) * sectionSize));
            int strings = checked((int)U64(elf, stringsHeader + 24));
            int stringsEnd = checked(strings + (int)U64(elf, stringsHeader + 32));

            // Elf64_Verneed: vn_cnt at 2, vn_file at 4, vn_aux at 8, vn_next at 12.
            int need = start;
            for (int n = 0; n < entryCount; n++)
            {
                Require(need + 16 <= end, "verneed entry outside its section");
                int auxCount = U16(elf, need + 2);
                string file = CString(elf, strings, stringsEnd, U32(elf, need + 4));
                int aux = checked(need + (int)U32(elf, need + 8));
                for (int a = 0; a < auxCount; a++)
                {
                    // Elf64_Vernaux: vna_flags at 4, vna_name at 8, vna_next at 12.
                    Require(aux + 16 <= end, "vernaux entry outside its section");
                    string name = CString(elf, strings, stringsEnd, U32(elf, aux + 8));
                    if (file == Library && name == Version)
                    {
                        fieldOffset = aux + 4;
                        alreadyWeak = (U16(elf, fieldOffset) & VerFlgWeak) != 0;
                    }

                    aux = checked(aux + (int)U32(elf, aux + 12));
                }

                need = checked(need + (int)U32(elf, need + 12));
            }
        }

        if (fieldOffset < 0)
        {
            Log.LogMessage(MessageImportance.Normal, "{0}: needs no {1} from {2}; nothing to patch", path, Version, Library);
            return;
        }

        if (alreadyWeak)
        {
            Log.LogMessage(MessageImportance.Normal, "{0}: {1} is already a weak requirement", path, Version);
            return;
        }

        ushort flags = (ushort)(U16(elf, fieldOffset) | VerFlgWeak);
        elf[fieldOffset] = (byte)flags;
        elf[fieldOffset + 1] = (byte)(flags >> 8);

        DateTime timestamp = File.GetLastWriteTimeUtc(path);
        string temporary = path + ".weakening";
        File.WriteAllBytes(temporary, elf);
        File.SetLastWriteTimeUtc(temporary, timestamp);
        File.Delete(path);
        File.Move(temporary, path);
        Log.LogMessage(MessageImportance.High, "{0}: marked {1} (from {2}) as a weak version requirement", path, Version, Library);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidDataException(message);
        }
    }

    private static ushort U16(byte[] b, int at) => (ushort)(b[at] | (b[at + 1] << 8));

    private static uint U32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

    private static ulong U64(byte[] b, int at) => U32(b, at) | ((ulong)U32(b, at + 4) << 32);

    private static string CString(byte[] b, int strings, int stringsEnd, uint offset)
    {
        int start = checked(strings + (int)offset);
        Require(start < stringsEnd, "string offset outside the string table");
        int end = start;
        while (end < stringsEnd && b[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(b, start, end - start);
    }
}
