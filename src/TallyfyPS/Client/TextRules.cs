using System.Globalization;
using System.Text;

namespace TallyfyPS.Client
{
    /// <summary>
    /// What a name, a title or a path may hold: no control character (C0 U+0000-U+001F, DEL U+007F, C1 U+0080-U+009F:
    /// char.IsControl), tab and line breaks included, for a one-line name is shown as one line everywhere and a NUL
    /// cuts a path or a C string short. Multi-line text (a summary, a description) may keep tabs and line breaks
    /// (CR, LF), and no other control character.
    /// </summary>
    internal static class TextRules
    {
        /// <summary>The index of the first character the text may not hold, or -1.</summary>
        public static int FirstControl(string? text, bool multiLine = false)
        {
            if (text is null)
            {
                return -1;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsControl(c) && !(multiLine && (c == '\t' || c == '\n' || c == '\r')))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>"a control character (U+0000) at position 2": what <see cref="FirstControl"/> found, for a message.</summary>
        public static string Describe(string text, int index) =>
            $"a control character (U+{((int)text[index]).ToString("X4", CultureInfo.InvariantCulture)}) at position {(index + 1).ToString(CultureInfo.InvariantCulture)}";

        /// <summary>A value with its control characters shown as \0, \t, \n, \r or \uXXXX, whole.</summary>
        public static string Shown(string value)
        {
            var shown = new StringBuilder(value.Length);
            foreach (char c in value)
            {
                switch (c)
                {
                    case '\0': shown.Append("\\0"); break;
                    case '\t': shown.Append("\\t"); break;
                    case '\n': shown.Append("\\n"); break;
                    case '\r': shown.Append("\\r"); break;
                    default:
                        if (char.IsControl(c))
                        {
                            shown.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            shown.Append(c);
                        }

                        break;
                }
            }

            return shown.ToString();
        }
    }
}
