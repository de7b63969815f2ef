using System;

namespace TallyfyPS.Client
{
    /// <summary>Tallyfy ids of organizations, runs, tasks and blueprints: 32 hexadecimal characters.</summary>
    internal static class Ids
    {
        /// <summary>Trims and lower-cases a valid id; returns null for anything else.</summary>
        public static string? Normalize(string? value)
        {
            if (value is null)
            {
                return null;
            }

            string id = value.Trim();
            if (id.Length != 32)
            {
                return null;
            }

            foreach (char c in id)
            {
                bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!hex)
                {
                    return null;
                }
            }

            return id.ToLowerInvariant();
        }

        /// <summary>The value as it may be shown in an error message: short, printable.</summary>
        public static string Display(string? value)
        {
            if (value is null)
            {
                return "(null)";
            }

            var chars = new System.Text.StringBuilder();
            foreach (char c in value)
            {
                if (chars.Length >= 60)
                {
                    chars.Append("... (" + value.Length + " characters)");
                    break;
                }

                chars.Append(char.IsControl(c) ? '?' : c);
            }

            return chars.ToString();
        }
    }
}
