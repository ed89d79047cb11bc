using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Identity
{
    /// <summary>How a user is named on the command line: a piped ModeUser, or a string that is a userName
    /// or an id. PowerShell converts either into this type, so one parameter takes both.</summary>
    public sealed class ModeUserIdentity
    {
        public ModeUserIdentity(string text)
        {
            // Spreadsheets leave blanks around values ("ada@example.com "): a name with them would match nobody,
            // and a sync would then remove the person it names.
            Text = text?.Trim();
        }

        public ModeUserIdentity(ModeUser user)
        {
            User = user;
            Text = user?.UserName;
        }

        /// <summary>The userName or id as typed; null or blank is refused before any request.</summary>
        public string? Text { get; }

        /// <summary>Set when a user object was piped: its id is used directly.</summary>
        public ModeUser? User { get; }

        /// <summary>A piped user is read again by its id (the object may be stale); text is resolved as a userName or id.</summary>
        internal Task<ScimUserResolution> ResolveWith(ScimUserResolver resolver, CancellationToken cancellationToken)
        {
            return User != null && ResourceId.IsValid(User.Id)
                ? resolver.ResolveIdAsync(User.Id!, cancellationToken)
                : resolver.ResolveTextAsync(Text!, cancellationToken);
        }

        public override string ToString() => Text ?? User?.Id ?? string.Empty;
    }
}
