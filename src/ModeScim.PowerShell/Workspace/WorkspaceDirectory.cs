using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.ModeApi;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Workspace
{
    /// <summary>The workspace's members from Mode's REST API, found by email or Mode username. SCIM users are
    /// matched by their userName or any of their emails, the way Mode ties a SCIM user to its account.</summary>
    internal sealed class WorkspaceDirectory
    {
        private readonly Dictionary<string, ModeWorkspaceAccount> _byEmail = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ModeWorkspaceAccount> _byUsername = new(StringComparer.OrdinalIgnoreCase);

        public WorkspaceDirectory(IReadOnlyList<ModeWorkspaceAccount> accounts)
        {
            Accounts = accounts;
            foreach (var account in accounts)
            {
                if (!InputValidation.IsEmpty(account.Email))
                {
                    _byEmail[account.Email.Trim()] = account;
                }
                if (account.Username.Length > 0)
                {
                    _byUsername[account.Username] = account;
                }
            }
        }

        public IReadOnlyList<ModeWorkspaceAccount> Accounts { get; }

        /// <summary>The member with this email, else this username.</summary>
        public ModeWorkspaceAccount? Find(string? emailOrUsername)
        {
            var key = emailOrUsername?.Trim();
            if (InputValidation.IsEmpty(key))
            {
                return null;
            }
            return _byEmail.TryGetValue(key, out var byEmail) ? byEmail : _byUsername.TryGetValue(key, out var byName) ? byName : null;
        }

        public ModeWorkspaceAccount? Find(ScimUser user)
        {
            return Find(user.UserName) ?? (user.Emails ?? new List<ScimMultiValue>())
                .Select(e => Find(e.Value)).FirstOrDefault(a => a != null);
        }
    }
}
