BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    Connect-TestEmulator -Emulator $script:Emulator
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Remove-ModeUser' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:journal = New-TestJournalPath
        $script:ada = New-EmulatorUser -Emulator $script:Emulator -UserName 'ada@example.com'
        $script:finance = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Finance' -MemberIds $script:ada.id
        Reset-ModeScimEmulator $script:Emulator
    }

    AfterEach {
        Remove-Item $script:journal -ErrorAction SilentlyContinue
    }

    It 'journals the user''s groups, then deletes the user' {
        Remove-ModeUser 'ada@example.com' -JournalPath $script:journal -Reason 'duplicate account' -Confirm:$false

        $record = Get-ModeScimJournal -Path $script:journal
        $record.Action | Should -Be 'Remove'
        $record.Groups.DisplayName | Should -Be 'Finance'
        $record.Reason | Should -Be 'duplicate account'
        (Get-ModeScimEmulatorStats $script:Emulator).DELETE | Should -Be 1
        { Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id } | Should -Throw
    }

    It 'deletes piped users' {
        Get-ModeUser 'ada@example.com' | Remove-ModeUser -JournalPath $script:journal -Confirm:$false
        (Get-ModeScimEmulatorStats $script:Emulator).DELETE | Should -Be 1
    }

    It 'deletes each user of an array, journalling each' {
        $bob = New-EmulatorUser -Emulator $script:Emulator -UserName 'bob@example.com'

        Remove-ModeUser 'ada@example.com', $bob.id -JournalPath $script:journal -Confirm:$false

        (Get-ModeScimEmulatorStats $script:Emulator).DELETE | Should -Be 2
        @((Get-ModeScimJournal -Path $script:journal).UserId | Sort-Object) | Should -Be @(@($script:ada.id, $bob.id) | Sort-Object)
    }

    It 'has a high confirm impact, so it asks by default' {
        $attribute = [ModeScim.PowerShell.Commands.RemoveModeUserCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'fails rather than prompt in a non-interactive session without -Confirm:$false' {
        $ps = [powershell]::Create()
        try {
            $connection = Get-ModeScimConnection
            $null = $ps.AddScript("Import-Module '$($script:ModuleManifest)'; Remove-ModeUser 'ada@example.com' -JournalPath '$($script:journal)' -Connection `$args[0]").AddArgument($connection)
            # No host to prompt on: PowerShell refuses the confirmation, which is the point.
            $null = $ps.Invoke()
            @($ps.Streams.Error).Count | Should -Be 1
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'ModeScim.ConfirmationUnavailable,*RemoveModeUserCommand'
            "$($ps.Streams.Error[0])" | Should -BeLike '*Add -Confirm:$false*'

        }
        finally {
            $ps.Dispose()
        }
        (Get-ModeScimEmulatorStats $script:Emulator).DELETE | Should -Be 0
    }

    It 'says to add -Confirm:$false when a -NonInteractive session would have to ask, and deletes nothing' {
        $output = Invoke-NonInteractiveStep -Emulator $script:Emulator -Commands "Remove-ModeUser 'ada@example.com' -JournalPath '$($script:journal)'"

        $output | Should -BeLike '*ERROR: Remove-ModeUser must ask before it does this: Delete permanently*ada@example.com*Add -Confirm:$false*'
        $output | Should -Not -BeLike '*Read and Prompt functionality is not available*'
        (Get-ModeScimEmulatorStats $script:Emulator).DELETE | Should -Be 0
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).id | Should -Be $script:ada.id
    }

    It 'sends no DELETE and writes no journal with -WhatIf' {
        Remove-ModeUser 'ada@example.com' -JournalPath $script:journal -WhatIf

        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $script:journal | Should -Not -Exist
    }

    It 'reports a missing user as ModeScim.UserNotFound' {
        $errors = Get-ErrorRecords { Remove-ModeUser 'ghost@example.com' -JournalPath $script:journal -Confirm:$false }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.RemoveModeUserCommand'
    }
}
