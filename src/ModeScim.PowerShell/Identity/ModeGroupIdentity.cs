using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Identity
{
    /// <summary>How a group is named on the command line: a piped ModeGroup, or a displayName or id.</summary>
    public sealed class ModeGroupIdentity
    {
        public ModeGroupIdentity(string text)
        {
            // Spreadsheets leave blanks around values ("ada@example.com "): a name with them would match nobody,
            // and a sync would then remove the person it names.
            Text = text?.Trim();
        }

        public ModeGroupIdentity(ModeGroup group)
        {
            Group = group;
            Text = group?.DisplayName;
        }

        public string? Text { get; }

        public ModeGroup? Group { get; }

        public override string ToString() => Text ?? Group?.Id ?? string.Empty;
    }
}
