using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Users;

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

        /// <summary>Any other object piped where a user is expected (an Import-Csv row, Get-MgUser or Get-ADUser
        /// output): named by its first non-empty property in <see cref="UserColumns.Identity"/>, so an export
        /// means the same user to every cmdlet. Without such a property the identity is empty and refused.</summary>
        /// <remarks>Typed object, not PSObject: PowerShell hands a parameter of type ModeUserIdentity[] the
        /// unwrapped object, and a scalar one the wrapper.</remarks>
        public ModeUserIdentity(object row)
        {
            var value = row is PSObject wrapper ? wrapper.BaseObject : row;
            switch (value)
            {
                case null:
                    return;
                case ModeUser user:
                    User = user;
                    Text = user.UserName;
                    return;
                case string text:
                    Text = text.Trim();
                    return;
                case IFormattable _:
                    // A number or a Guid typed as an id.
                    Text = value.ToString()?.Trim();
                    return;
                default:
                    Text = DesiredUserReader.FirstValue(PSObject.AsPSObject(row), UserColumns.Identity)?.Trim();
                    return;
            }
        }

        /// <summary>The userName or id as typed; null or blank is refused before any request.</summary>
        public string? Text { get; }

        /// <summary>Set when a user object was piped: its id is used directly.</summary>
        public ModeUser? User { get; }

        /// <summary>A piped user is read again by its id (the object may be stale); text is resolved as a userName or id.</summary>
        internal Task<ScimUserResolution> ResolveWith(ScimUserResolver resolver, CancellationToken cancellationToken)
        {
            return User != null && ResourceId.IsValid(User.Id)
                ? resolver.ResolveIdAsync(User.Id, cancellationToken)
                : resolver.ResolveTextAsync(Text!, cancellationToken);
        }

        public override string ToString() => Text ?? User?.Id ?? string.Empty;
    }
}
