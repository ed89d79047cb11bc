using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Users
{
    /// <summary>Which user attributes a server returns at all, read from a listing: one that no listed user carries is
    /// taken as never returned (a server may leave emails or names out of every response), not as unset for everyone.
    /// Mode keeps an email and a name for every user, so a listing without any is the server, not the people. The
    /// externalId is not judged so: a workspace where nobody has one yet is common, and a sync is how they get one.</summary>
    internal sealed class UserAttributesShown
    {
        public static readonly UserAttributesShown All = new UserAttributesShown(true, true, true);

        private UserAttributesShown(bool emails, bool name, bool displayName)
        {
            Emails = emails;
            Name = name;
            DisplayName = displayName;
        }

        public bool Emails { get; }

        public bool Name { get; }

        public bool DisplayName { get; }

        /// <summary>The attributes not shown, for the one verbose line that says they are not compared.</summary>
        public IEnumerable<string> Missing
        {
            get
            {
                if (!Emails) yield return "emails";
                if (!Name) yield return "name";
                if (!DisplayName) yield return "displayName";
            }
        }

        /// <summary>What <paramref name="users"/> show; everything when there is no user to judge by.</summary>
        public static UserAttributesShown From(IReadOnlyCollection<ScimUser> users)
        {
            if (users.Count == 0)
            {
                return All;
            }
            return new UserAttributesShown(
                users.Any(u => u.Emails != null && u.Emails.Count > 0),
                users.Any(u => u.Name != null),
                users.Any(u => u.DisplayName != null));
        }
    }
}
