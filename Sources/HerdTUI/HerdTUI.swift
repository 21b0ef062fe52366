/// The dashboard's pure layer: cell buffer, panes, app state and key table. Empty until issue 7.
public enum HerdTUI {}
