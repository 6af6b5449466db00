global using Storyline.Core;
