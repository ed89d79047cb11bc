# What an admin who already uses Microsoft.Graph, ExchangeOnlineManagement or dbatools expects from a module in a
# shell, a CSV and an Azure DevOps run. This run is -NonInteractive, as a scheduled job is: anything that would
# prompt fails here.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 5
    Connect-TestEmulator -Emulator $script:Emulator
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe '-Debug without prompts' {
    It 'shows request and response bodies in the debug stream without asking to continue, with secrets masked' {
        $records = @(New-ModeUser -UserName 'debug.me@example.com' -GivenName 'Debug' -Debug 5>&1 4>&1 3>&1)

        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $debug | Where-Object { $_ -like 'Request body: *"userName":"debug.me@example.com"*' } | Should -Not -BeNullOrEmpty
        $debug | Where-Object { $_ -like 'Response body: *' } | Should -Not -BeNullOrEmpty
        $verbose.Count | Should -BeGreaterThan 0 -Because '-Debug also shows the request lines'
        ($records | Out-String) | Should -Not -Match ([regex]::Escape($script:Emulator.Token))
        Get-ModeUser -Identity 'debug.me@example.com' | Should -Not -BeNullOrEmpty
    }

    It 'writes a warning under -Debug without asking either' {
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName 'warned@example.com'
        $records = @(Sync-ModeGroup -Group 'Debugged' -Member 'warned@example.com', 'nobody@example.com' -CreateIfMissing -Debug 3>&1 4>$null 5>$null)

        $warning = @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $warning.Count | Should -Be 1
        $warning[0].Message | Should -BeLike "*nobody@example.com*"
        ($records | Where-Object { $_ -is [ModeScim.PowerShell.Models.ModeGroupSyncResult] }).Added | Should -Be @('warned@example.com')
    }
}
