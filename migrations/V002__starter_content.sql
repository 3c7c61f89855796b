-- Starter templates and writing prompts every new library ships with.
-- created_at 0 marks rows that came with the app.

INSERT INTO templates (name, category, body, builtin, created_at, updated_at) VALUES
('Daily page', 'daily', '# {{long_date}}

## Today''s prompt
{{prompt}}

## What happened

## How I felt

## One thing I''m grateful for
', 1, 0, 0),
('Gratitude', 'gratitude', '# Gratitude — {{date}}

Three things I''m grateful for:
1.
2.
3.

Someone who made today better, and why:
', 1, 0, 0),
('Weekly review', 'review', '# Week ending {{date}}

## Wins

## What was hard

## What I learned

## Next week I will
', 1, 0, 0),
('Morning intention', 'daily', '# {{weekday}} morning

Today I intend to:

What would make today great?

A word to carry with me:
', 1, 0, 0),
('Evening reflection', 'daily', '# {{weekday}} evening

What went well:

What I would do differently:

What I''m letting go of:
', 1, 0, 0),
('Dream log', 'creativity', '# Dream — {{date}}

What I remember:

Feelings on waking:

Symbols and people:
', 1, 0, 0);

INSERT INTO prompts (category, text) VALUES
('gratitude', 'What is one small thing that went right today?'),
('gratitude', 'Who helped you recently, and how could you thank them?'),
('gratitude', 'Describe a place that makes you feel at home.'),
('gratitude', 'What ability of your body are you thankful for today?'),
('gratitude', 'What is something you own that makes daily life easier?'),
('mindfulness', 'What can you hear, see and feel right now? Write it down slowly.'),
('mindfulness', 'When did you feel most present today?'),
('mindfulness', 'What thought kept returning today, and what does it want from you?'),
('mindfulness', 'Describe your breathing in this moment without changing it.'),
('mindfulness', 'What would you notice if you walked your usual route for the first time?'),
('productivity', 'What is the one task that would make tomorrow easier if you did it today?'),
('productivity', 'What did you say yes to this week that you wish you had declined?'),
('productivity', 'Where did your time go today? Was it where you wanted it to go?'),
('productivity', 'What is a habit you want to start, and what is the smallest first step?'),
('productivity', 'What distracted you most today, and how could you remove it?'),
('creativity', 'Write about an object on your desk as if it could talk.'),
('creativity', 'Describe a color to someone who has never seen it.'),
('creativity', 'What would you make if no one would ever see it?'),
('creativity', 'Write the first paragraph of a story set in your kitchen.'),
('creativity', 'What idea have you been carrying around without writing it down?'),
('fitness', 'How did your body feel when you woke up today?'),
('fitness', 'What movement brought you joy this week?'),
('fitness', 'What does being strong mean to you?'),
('fitness', 'What did you eat today that made you feel good?'),
('fitness', 'What is one way you rested well recently?'),
('learning', 'What did you learn today that surprised you?'),
('learning', 'What question would you like answered by the end of this month?'),
('learning', 'Explain something you know well as if to a curious child.'),
('learning', 'What mistake taught you something useful?'),
('learning', 'Who is someone you would like to learn from, and why?'),
('reflection', 'What are you avoiding, and what would happen if you faced it?'),
('reflection', 'What would you tell yourself from one year ago?'),
('reflection', 'Which conversation this week stayed with you?'),
('reflection', 'What does a good day look like for you right now?'),
('reflection', 'What are you looking forward to?');
