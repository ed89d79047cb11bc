BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 50
    Connect-TestEmulator -Emulator $script:Emulator
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Remove-ModeGroup' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
    }

    It 'deletes a group by name, leaving its users' {
        Remove-ModeGroup 'Sales' -Confirm:$false

        Get-ModeGroup -DisplayName 'Sales' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @(Get-ModeUser).Count | Should -Be 50
        (Get-ModeScimEmulatorStats $script:Emulator).DELETE | Should -Be 1
    }

    It 'deletes piped groups' {
        Get-ModeGroup -DisplayName 'F*' -ExcludeMembers | Remove-ModeGroup -Confirm:$false
        (Get-ModeScimEmulatorStats $script:Emulator).DELETE | Should -Be 1
    }

    It 'deletes each group of an array' {
        Remove-ModeGroup 'Sales', 'Finance' -Confirm:$false

        (Get-ModeScimEmulatorStats $script:Emulator).DELETE | Should -Be 2
        @(Get-EmulatorResources -Emulator $script:Emulator -Collection Groups | Where-Object displayName -In 'Sales', 'Finance') | Should -BeNullOrEmpty
    }

    It 'has a high confirm impact' {
        $attribute = [ModeScim.PowerShell.Commands.RemoveModeGroupCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'sends no DELETE with -WhatIf' {
        Remove-ModeGroup 'Sales' -WhatIf
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'reports a missing group as ModeScim.GroupNotFound' {
        $errors = Get-ErrorRecords { Remove-ModeGroup 'Ghosts' -Confirm:$false }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.GroupNotFound,ModeScim.PowerShell.Commands.RemoveModeGroupCommand'
    }
}
