using System;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Lookups;
using ModeScim.PowerShell.Commands;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Users
{
    /// <summary>What Get-ModeUser writes for one selection as its pages arrive: each user as a ModeUser, the server's count
    /// ahead of them when the server does the paging (-IncludeTotalCount), a progress bar, and a verbose line when the
    /// server refused a filter and users are matched here.</summary>
    internal sealed class UserListingOutput : IDisposable
    {
        private readonly ModeScimCmdlet _cmdlet;
        private readonly ScimServerCapabilities _capabilities;
        private readonly ThrottledProgress _progress;
        private readonly ListingSharing _shared = new ListingSharing();
        private bool _totalWritten;

        public UserListingOutput(ModeScimCmdlet cmdlet, ScimServerCapabilities capabilities)
        {
            _cmdlet = cmdlet;
            _capabilities = capabilities;
            _progress = new ThrottledProgress(cmdlet.WriteProgress, ProgressIds.Listing, "Listing Mode users");
        }

        public void Write(ScimUserQueryPage page, ScimUserQueryOutcome outcome)
        {
            if (page.NowMatchedHere != null)
            {
                _cmdlet.WriteVerbose("The server refused the filter; listing users and matching " + page.NowMatchedHere + " here.");
                return;
            }
            var paging = _cmdlet.PagingParameters;
            if (!_totalWritten && page.Total.HasValue && outcome.ServerPaged && paging.IncludeTotalCount)
            {
                _cmdlet.WriteObject(paging.NewTotalCount((ulong)page.Total.Value, 1.0));
                _totalWritten = true;
            }
            foreach (var user in page.Users)
            {
                _cmdlet.WriteObject(ModeUserMapper.ToModeUser(user, _shared, _capabilities));
            }
            var status = page.Total.HasValue ? page.Received + " of " + page.Total.Value : page.Received + " read";
            _progress.Report(page.Received, page.Total, status);
        }

        public void Dispose() => _progress.Complete();
    }
}
