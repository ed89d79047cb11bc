using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Plans
{
    /// <summary>A plan on disk: <c>{"sha256": "...", "plan": {...}}</c>, where the hash is of the plan's text exactly as
    /// written, so any change to it (a hand edit, a truncated copy) is found before anything is applied. The hash proves
    /// the file is the one that was made, not who made it: the approval's integrity rests on where the file is kept (a
    /// pipeline artifact), and the approver sees the hash in the summary.</summary>
    internal static class PlanFile
    {
        private static readonly JsonSerializerOptions Options = new JsonSerializerOptions { WriteIndented = true };
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        /// <summary>Writes the plan and returns its hash. Written to a temporary file first and moved into place, so a
        /// reader never sees half a plan.</summary>
        public static string Write(string path, PlanDocument plan)
        {
            var body = JsonSerializer.Serialize(plan, Options).Replace("\r\n", "\n");
            var hash = Sha256(body);
            var text = "{\n  \"sha256\": \"" + hash + "\",\n  \"plan\": " + body + "\n}\n";
            WriteWhole(path, text);
            return hash;
        }

        /// <summary>Writes text to a temporary file beside the target and moves it into place.</summary>
        public static void WriteWhole(string path, string text)
        {
            var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
            try
            {
                File.WriteAllText(temporary, text, Utf8);
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
                File.Move(temporary, path);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }

        /// <summary>The plan, after its hash is checked; refuses (ModeScim.PlanInvalid, ModeScim.PlanTampered) a file that is
        /// not a whole plan of a schema this version knows, or whose content does not match its hash.</summary>
        public static (PlanDocument Plan, string Sha256) Read(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path, Utf8);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
            {
                throw new ModeScimRefusal(PlanErrors.Invalid(path, ex.Message, ex));
            }
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("sha256", out var stated)
                    || stated.ValueKind != JsonValueKind.String || !root.TryGetProperty("plan", out var body)
                    || body.ValueKind != JsonValueKind.Object)
                {
                    throw new ModeScimRefusal(PlanErrors.Invalid(path, "it holds no 'sha256' and 'plan'."));
                }
                var raw = body.GetRawText();
                // Hashed as written, with LF line ends: a copy whose line ends a tool converted is the same plan (JSON
                // strings hold no raw line breaks), while any other change to a byte still shows.
                var actual = Sha256(raw.Replace("\r\n", "\n"));
                if (!string.Equals(stated.GetString(), actual, StringComparison.OrdinalIgnoreCase))
                {
                    throw new ModeScimRefusal(PlanErrors.Tampered(path, stated.GetString() ?? string.Empty, actual));
                }
                var plan = JsonSerializer.Deserialize<PlanDocument>(raw, Options)
                    ?? throw new ModeScimRefusal(PlanErrors.Invalid(path, "its plan is empty."));
                if (plan.Schema != PlanDocument.CurrentSchema)
                {
                    throw new ModeScimRefusal(PlanErrors.Invalid(path, "its schema is '" + plan.Schema + "'; this version reads '"
                        + PlanDocument.CurrentSchema + "'."));
                }
                if (plan.Kind != PlanDocument.UserSync && plan.Kind != PlanDocument.GroupSync)
                {
                    throw new ModeScimRefusal(PlanErrors.Invalid(path, "it was made by '" + plan.Kind + "', which is not a command "
                        + "whose plans can be applied."));
                }
                return (plan, actual);
            }
            catch (JsonException ex)
            {
                throw new ModeScimRefusal(PlanErrors.Invalid(path, "it is not whole JSON (" + ex.Message + ").", ex));
            }
        }

        /// <summary>Where the Markdown summary of a plan goes: beside it, with the extension .md.</summary>
        public static string SummaryPathFor(string planPath) => Path.ChangeExtension(planPath, ".md");

        public static string Sha256(string text)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Utf8.GetBytes(text));
            var hex = new StringBuilder(hash.Length * 2);
            foreach (var b in hash)
            {
                hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            return hex.ToString();
        }
    }
}
