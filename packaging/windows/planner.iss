; Inno Setup script: a per-user installer for the Windows one-folder app (dist\planner from packaging/planner.spec).
;   ISCC.exe /DAppVersion=1.2.3 packaging\windows\planner.iss       -> dist\installer\SustainabilityPlanner-1.2.3-setup.exe
; No administrator rights: it installs under %LOCALAPPDATA%\Programs and adds a Start-menu entry for this user.
; Silent install for IT departments (Inno Setup's own switches):
;   SustainabilityPlanner-1.2.3-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER
; Settings, recent files and autosaves live in the user's profile (QSettings, QStandardPaths), never in {app}:
; an upgrade replaces the program folder and an uninstall removes it, and neither touches the user's data.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\planner"
#endif
#define AppName "Sustainability Planner"

[Setup]
AppId={{6F0B6C52-3E1D-4C1B-9E55-2B7F4D8A1C30}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Sustainability Planner project
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=SustainabilityPlanner-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\SustainabilityPlanner.exe
UninstallDisplayName={#AppName}
CloseApplications=yes

[InstallDelete]
; An upgrade must not leave DLLs of the previous version beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\SustainabilityPlanner.exe"

[Run]
Filename: "{app}\SustainabilityPlanner.exe"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
